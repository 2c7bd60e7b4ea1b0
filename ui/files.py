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
from ui import data, published
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
    return _table_file(data.source(), source, name, filter_key(filters), fmt, k)


@st.cache_data(show_spinner="Preparing the workbook...", max_entries=16)
def _workbook(path: str, source: str, key: tuple, k: int | None) -> Export:
    with cursor() as cur:
        return exports.export_workbook(cur, filters_from_key(key), suppress_below=k)


def workbook(filters: Filters, share: bool = False) -> Export:
    """Every table in one XLSX with an About sheet (the release's tables when shared)."""
    source, k = _source(share)
    return _workbook(data.source(), source, filter_key(filters), k)


def report_files(
    filters: Filters, paper: str, progress: Callable[[float, str], None] | None = None
) -> tuple[str, bytes]:
    """The funder report as (HTML, PDF on ``paper``), built once from the same tables of the latest release
    (``exports.NotPublishedError`` when there is none, or when ``filters`` name a view it does not publish)."""
    _, k = _source(True)
    with cursor() as cur:
        return exports.build_report_files(cur, filters, suppress_below=k, paper=paper, progress=progress)


def goal_progress_file(share: bool = False) -> Export:
    """goal_progress (no filter) as CSV: from the release's tables when shared (always for a funder), so a
    withheld actual stays withheld; else live."""
    from analytics import goals
    from analytics.exports.meta import ExportMeta, ReleaseStamp, filename
    from analytics.exports.writers import csv_bytes

    _, k = _source(share)
    release = published.latest() if k else None
    with cursor() as cur:
        # live: from the page cache's tables (data.goal_progress); shared: from the release's
        progress = goals.goal_progress(cur, k) if k else data.goal_progress()
        as_of = release.as_of if release else warehouse.as_of(cur)
    stamp = ReleaseStamp(release.id, release.created_at, release.k, release.p, "all", "Everyone") if release else None
    meta = ExportMeta(Filters(), as_of, k, stamp)
    notes = [
        f"Goals: {len(progress)}; actual under no filter; met is blank while a period is not over.",
        meta.suppression,
    ]
    return Export(csv_bytes(progress), filename("goal_progress", meta, "csv"), "text/csv", notes)
