"""Cells that cannot run as spreadsheet formulas (OWASP "CSV injection").

Text starting with ``=``, ``+``, ``-``, ``@``, tab, carriage return or line feed is
what Excel, LibreOffice and Google Sheets may evaluate (``=HYPERLINK(...)``, DDE
payloads such as ``=cmd|' /C calc'!A0``). Spreadsheets also skip leading spaces
before reading a formula, and some locales read the full-width and small forms of
the same signs (``＝`` U+FF1D, ``﹦`` U+FE66, ...) as the signs themselves, so the
check looks past leading whitespace and knows those forms too. Such text gets a
leading single quote, which every spreadsheet shows as text.
Numbers stay numbers: a negative count is a number, not text.

This is the one escaping rule of the project: the command line's files, the
dashboard's downloads and the workbooks all write cells through ``safe_value``.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from numbers import Integral, Real

import pandas as pd

# The signs a spreadsheet may start a formula with, in ASCII, full-width (U+FFxx) and small (U+FE6x) forms,
# and the minus sign U+2212.
FORMULA_SIGNS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20", "\ufe66", "\ufe62", "\ufe63", "\ufe6b")
FORMULA_SIGNS += ("\u2212",)
# Control characters that start a formula-like cell on their own (they are whitespace too, so tested first).
FORMULA_CONTROLS = ("\t", "\r", "\n")
FORMULA_START = FORMULA_CONTROLS + FORMULA_SIGNS
_PLAIN_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")


def needs_escape(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula (see the module docstring)."""
    if text.startswith(FORMULA_CONTROLS):
        return True
    stripped = text.lstrip()
    return stripped.startswith(FORMULA_SIGNS) and not _PLAIN_NUMBER.match(stripped)


def safe_text(text: str) -> str:
    """``text`` with a leading single quote when a spreadsheet could read it as a formula.

    Text that is just a number (``-5``, ``+1.5``) is left alone: a spreadsheet reads it as that
    number, nothing more.
    """
    return "'" + text if needs_escape(text) else text


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
