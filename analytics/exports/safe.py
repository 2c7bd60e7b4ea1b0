"""Cells that cannot run as spreadsheet formulas (OWASP "CSV injection").

Text starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return is what Excel,
LibreOffice and Google Sheets may evaluate (``=HYPERLINK(...)``, DDE payloads such as
``=cmd|' /C calc'!A0``). Such text gets a leading single quote, which every spreadsheet
shows as text. Line feed and the full-width forms of the same signs are escaped too:
spreadsheets in some locales treat them alike, and escaping costs nothing.
Numbers stay numbers: a negative count is a number, not text.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from numbers import Integral, Real

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_PLAIN_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")


def safe_text(text: str) -> str:
    """``text`` with a leading single quote when a spreadsheet could read it as a formula.

    Text that is just a number (``-5``, ``+1.5``) is left alone: a spreadsheet reads it as that
    number, nothing more.
    """
    if text.startswith(FORMULA_START) and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def safe_value(value: object) -> object:
    """A cell for a spreadsheet: None for blanks (NA, NaN), numbers unchanged, text escaped."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool):
        return value
    # numpy and pandas scalars become plain Python numbers that every writer understands
    if isinstance(value, Integral):
        return int(value)
    if isinstance(value, Real):
        number = float(value)
        return None if math.isnan(number) else number
    if isinstance(value, (datetime, date)):
        return value
    return safe_text(str(value))
