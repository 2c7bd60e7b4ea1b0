"""The table behind a chart, as a file: CSV that no spreadsheet will run as a formula.

File names carry the filters (docs/METRICS.md, "Exports": for CSV the filters go in the name
and on the page, never into extra rows of the file).
"""

from __future__ import annotations

import re

import pandas as pd

from analytics.filters import Filters

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(value: object) -> object:
    # OWASP CSV injection: a leading quote makes the spreadsheet show the text instead of running it.
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV (with a BOM so Excel keeps accents) of ``frame``, text cells made inert."""
    safe = frame.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].map(_inert)
    return safe.to_csv(index=False).encode("utf-8-sig")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def file_name(name: str, filters: Filters, extension: str = "csv") -> str:
    """``participation_by_term__sector-charter__spring-2018-to-fall-2019.csv``."""
    parts = [name]
    if filters.sectors:
        parts.append("sector-" + "-".join(filters.sectors))
    if filters.categories:
        parts.append("strand-" + "-".join(filters.categories))
    if filters.term_from or filters.term_to:
        low = filters.term_from.label if filters.term_from else "start"
        high = filters.term_to.label if filters.term_to else "latest"
        parts.append(_slug(f"{low} to {high}"))
    return "__".join(parts) + "." + extension
