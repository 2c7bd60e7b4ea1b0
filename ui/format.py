"""Numbers as people read them: thousands separators, percentages, a dash for blank or withheld."""

from __future__ import annotations

import math
import re

import pandas as pd
import streamlit as st

from analytics.vocab import CATEGORY_LABELS, SECTOR_LABELS

BLANK = "–"


def _missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def count(value: object) -> str:
    """``1,234``; a dash when blank or withheld."""
    return BLANK if _missing(value) else f"{float(value):,.0f}"  # type: ignore[arg-type]


def percent(value: object, digits: int = 0) -> str:
    """``45%`` from 0.45; a dash when blank or withheld."""
    return BLANK if _missing(value) else f"{float(value):.{digits}%}"  # type: ignore[arg-type]


def count_change(value: float | None) -> str | None:
    """``+40`` / ``-3`` / ``0`` for a change of a count; None when unknown (no arrow is drawn)."""
    return None if value is None else f"{value:+,.0f}"


def rate_change(value: float | None) -> str | None:
    """A change of a rate in percentage points: ``+3.0 pts``."""
    return None if value is None else f"{value * 100:+.1f} pts"


RATE_COLUMNS_SUFFIX = ("_rate", "_share")
_DECIMALS = {"avg_rating": "%.2f", "nps": "%.1f", "median_terms_to_lead": "%.1f", "mixing_index": "%.2f"}
_TITLES = {
    "nps": "NPS",
    "avg_rating": "Average rating (1-5)",
    "implement_agree_rate": "Plan to implement",
    "lead_interest_rate": "Interested in leading",
    "mixing_index": "Mixing index (0-1)",
}


def column_config(frame: pd.DataFrame) -> dict[str, object]:
    """How st.dataframe shows each column: readable titles, counts with separators, rates as %."""
    config: dict[str, object] = {}
    for column in frame.columns:
        title = _TITLES.get(column, column.replace("_", " ").capitalize())
        if column.endswith(RATE_COLUMNS_SUFFIX):
            config[column] = st.column_config.NumberColumn(title, format="percent")
        elif column in _DECIMALS:
            config[column] = st.column_config.NumberColumn(title, format=_DECIMALS[column])
        elif pd.api.types.is_numeric_dtype(frame[column]):
            config[column] = st.column_config.NumberColumn(title, format="localized")
        else:
            config[column] = st.column_config.Column(title)
    return config


def for_display(frame: pd.DataFrame) -> pd.DataFrame:
    """Sector and strand codes as their names (downloads keep the codes)."""
    shown = frame.copy()
    for column in shown.columns:
        if "sector" in column and not pd.api.types.is_numeric_dtype(shown[column]):
            shown[column] = shown[column].map(lambda v: SECTOR_LABELS.get(v, v) if isinstance(v, str) else v)
        elif column == "category":
            shown[column] = shown[column].map(lambda v: CATEGORY_LABELS.get(v, v) if isinstance(v, str) else v)
    return shown


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def escape_markdown(text: object) -> str:
    """Text from data or from an address, made inert for st.markdown (no links, no formatting, no HTML)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def wide(frame: pd.DataFrame, index: str, columns: str, values: str) -> pd.DataFrame:
    """A long table turned wide for reading (rows and columns keep their order of first appearance)."""
    if frame.empty:
        return frame
    rows = list(dict.fromkeys(frame[index]))
    cols = list(dict.fromkeys(frame[columns]))
    grid = frame.pivot_table(index=index, columns=columns, values=values, aggfunc="sum", fill_value=0, sort=False)
    return grid.reindex(index=rows, columns=cols, fill_value=0).reset_index().rename_axis(columns=None)
