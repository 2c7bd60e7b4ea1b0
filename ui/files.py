"""Exported files for the Exports page: cached per data version, filters and role; the report with progress."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from analytics import exports, warehouse
from analytics.exports import Export
from analytics.filters import Filters
from ui.data import cursor, data_version
from ui.role import current_role
from ui.url import filter_key, filters_from_key


@st.cache_data(show_spinner="Preparing the file...", max_entries=64)
def _table_file(path: str, version: str, name: str, key: tuple, fmt: str, k: int | None) -> Export:
    with cursor() as cur:
        return exports.export_table(cur, name, filters_from_key(key), fmt, suppress_below=k)


def table_file(name: str, filters: Filters, fmt: str, suppress_below: int | None = None) -> Export:
    """One docs/METRICS.md table as a file; the role's threshold applies even when none is asked for."""
    k = current_role().suppress_below or suppress_below
    return _table_file(warehouse.db_path(), data_version(), name, filter_key(filters), fmt, k)


@st.cache_data(show_spinner="Preparing the workbook...", max_entries=16)
def _workbook(path: str, version: str, key: tuple, k: int | None) -> Export:
    with cursor() as cur:
        return exports.export_workbook(cur, filters_from_key(key), suppress_below=k)


def workbook(filters: Filters, suppress_below: int | None = None) -> Export:
    """Every table in one XLSX with an About sheet."""
    k = current_role().suppress_below or suppress_below
    return _workbook(warehouse.db_path(), data_version(), filter_key(filters), k)


def report_files(
    filters: Filters, suppress_below: int, paper: str, progress: Callable[[float, str], None] | None = None
) -> tuple[str, bytes]:
    """The funder report as (HTML, PDF on ``paper``), built once from the same tables."""
    k = max(current_role().suppress_below or 0, suppress_below) or None
    with cursor() as cur:
        return exports.build_report_files(cur, filters, suppress_below=k, paper=paper, progress=progress)


def goal_progress_file(suppress_below: int | None = None) -> Export:
    """goal_progress (no filter) as CSV; the role's threshold applies, so a withheld actual stays withheld."""
    from analytics import goals
    from analytics.exports.meta import ExportMeta, filename
    from analytics.exports.writers import csv_bytes

    k = current_role().suppress_below or suppress_below
    with cursor() as cur:
        progress = goals.goal_progress(cur, k)
        meta = ExportMeta(Filters(), warehouse.as_of(cur), k)
    notes = [
        f"Goals: {len(progress)}; actual under no filter; met is blank while a period is not over.",
        meta.suppression,
    ]
    return Export(csv_bytes(progress), filename("goal_progress", meta, "csv"), "text/csv", notes)
