"""Exported files for the Exports page: cached per source (live data version, or published release) and filters.

A file fit to share (always, for a funder) is cut from the latest published release
by ``analytics.exports``; a coordinator's own file holds live numbers.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from analytics import exports, warehouse
from analytics.exports import Export
from analytics.filters import Filters
from ui import published
from ui.data import cursor, data_version
from ui.role import current_role
from ui.url import filter_key, filters_from_key


def sharing(wanted: bool) -> bool:
    """Whether files come from the release: a funder's always do, whatever a widget says."""
    return wanted or not current_role().is_coordinator


def _source(share: bool) -> tuple[str, int | None]:
    """A cache stamp for the numbers' source, and the threshold that selects it (None: live)."""
    if not sharing(share):
        return f"live:{data_version()}", None
    release = published.latest()
    if release is None:
        raise exports.NotPublishedError("no release has been published yet")
    return f"release:{release.id}", release.k


@st.cache_data(show_spinner="Preparing the file...", max_entries=64)
def _table_file(path: str, source: str, name: str, key: tuple, fmt: str, k: int | None) -> Export:
    with cursor() as cur:
        return exports.export_table(cur, name, filters_from_key(key), fmt, suppress_below=k)


def table_file(name: str, filters: Filters, fmt: str, share: bool = False) -> Export:
    """One table as a file: from the release when shared (always for a funder), else live."""
    source, k = _source(share)
    return _table_file(warehouse.db_path(), source, name, filter_key(filters), fmt, k)


@st.cache_data(show_spinner="Preparing the workbook...", max_entries=16)
def _workbook(path: str, source: str, key: tuple, k: int | None) -> Export:
    with cursor() as cur:
        return exports.export_workbook(cur, filters_from_key(key), suppress_below=k)


def workbook(filters: Filters, share: bool = False) -> Export:
    """Every table in one XLSX with an About sheet (the release's tables when shared)."""
    source, k = _source(share)
    return _workbook(warehouse.db_path(), source, filter_key(filters), k)


def report_available() -> bool:
    """True once the exports package offers the funder report."""
    return hasattr(exports, "build_report")


def report(filters: Filters, share: bool = True, progress: Callable[[float, str], None] | None = None) -> str:
    """The HTML report under ``filters``: the funder form (from the release) when shared."""
    _, k = _source(share)
    with cursor() as cur:
        return exports.build_report(cur, filters, suppress_below=k, progress=progress)
