"""Cached access to the warehouse for every page.

One DuckDB connection per process (``st.cache_resource``), and a fresh
``cursor()`` for each query, because every browser session runs in its own
thread and a DuckDB connection must not be shared between threads. Results are
cached with ``st.cache_data`` under the warehouse's data version, which changes
with every import or undo, so new data shows at once and never stale.

Coordinators see live numbers. A funder's tables come from the latest published
release instead (``ui.published``): nothing here queries live data for them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

import duckdb
import pandas as pd
import streamlit as st

from analytics import goals, insights, metrics, warehouse
from analytics.filters import Filters
from analytics.serve import replica, writer
from analytics.vocab import Term
from ui.role import current_role
from ui.url import filter_key, filters_from_key


# A few entries: under make serve each new snapshot is a new path; older connections are let go.
@st.cache_resource(show_spinner=False, max_entries=3)
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    """The process's one connection to the warehouse at ``path``: created or upgraded, checked, then locked
    against file and network access (``warehouse.connect_for_queries``)."""
    return warehouse.connect_for_queries(path)


@contextmanager
def cursor() -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor of the process connection, for one query on this thread."""
    cur = _connection(warehouse.db_path()).cursor()
    try:
        yield cur
    finally:
        cur.close()


@contextmanager
def writing(what: str = "a write on the Data page") -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor for a write (import, undo, goals). ``make run``: the process connection. ``make serve``: the
    writer's file, under the one-writer lock, and the next snapshot after it (analytics.serve.writer)."""
    if not replica.serving():
        with cursor() as cur:
            yield cur
        return
    with writer.write_connection(replica.writer_db(), what) as con:
        yield con


def source() -> str:
    """The warehouse the numbers come from, one name for all its snapshots under ``make serve``.

    A cache key: with the data version or a release id it names the numbers exactly, so a new
    snapshot that changes neither (a publish, another table's import) keeps every cached table.
    """
    return replica.writer_db() if replica.serving() else warehouse.db_path()


def data_version() -> str:
    """The warehouse's current data version (changes with each import or undo)."""
    with cursor() as cur:
        return warehouse.data_version(cur)


@st.cache_data(show_spinner=False, max_entries=16)
def _as_of(path: str, version: str) -> datetime | None:
    with cursor() as cur:
        return warehouse.as_of(cur)


def as_of() -> datetime | None:
    """Time of the latest load still in effect; None for an empty warehouse (for funders: the release's)."""
    if _funder():
        from ui import published

        release = published.latest()
        return release.as_of if release else None
    return _as_of(source(), data_version())


def is_empty() -> bool:
    """True when nothing has been loaded (or every load was undone)."""
    return as_of() is None


@st.cache_data(show_spinner=False, max_entries=16)
def _terms(path: str, version: str) -> list[int]:
    with cursor() as cur:
        return [term.order for term in metrics.terms_present(cur)]


def terms() -> list[Term]:
    """Terms present in the data, in term order (for funders: the terms of the published release)."""
    if _funder():
        from ui import published

        release = published.latest()
        return published.terms(release) if release else []
    return [Term.from_order(order) for order in _terms(source(), data_version())]


def _funder() -> bool:
    return not current_role().is_coordinator


@st.cache_data(show_spinner="Counting...", max_entries=512)
def _table(path: str, version: str, name: str, key: tuple) -> pd.DataFrame:
    with cursor() as cur:
        return metrics.compute(cur, name, filters_from_key(key))


def table(name: str, filters: Filters) -> pd.DataFrame:
    """Table ``name`` of docs/METRICS.md under ``filters``: live for coordinators; for funders, the latest
    published release's table under the view ``filters`` name (``ui.published``), never live data."""
    if _funder():
        from ui import published  # builds on this module's cursor

        return published.table(name, filters)
    if name not in metrics.TABLES:
        raise KeyError(f"unknown table {name!r}")
    return _table(source(), data_version(), name, filter_key(filters))


_INSIGHTS = {
    "courses_per_person": insights.courses_per_person,
    "pipeline_path": insights.pipeline_path,
}


@st.cache_data(show_spinner="Counting...", max_entries=256)
def _insight(path: str, version: str, name: str, key: tuple) -> pd.DataFrame:
    with cursor() as cur:
        return _INSIGHTS[name](cur, filters_from_key(key))


def insight(name: str, filters: Filters) -> pd.DataFrame:
    """One of the dashboard's own queries (analytics.insights) under ``filters``; from the release for funders."""
    if _funder():
        from ui import published

        return published.table(name, filters)
    return _insight(source(), data_version(), name, filter_key(filters))


def offers(name: str, filters: Filters) -> bool:
    """Whether table ``name`` can be shown under ``filters``: always live for coordinators; for funders, when the
    release publishes it under their view."""
    if _funder():
        from ui import published

        return published.offers(name, filters)
    return True


def withheld_headlines(filters: Filters) -> set[str]:
    """Headline numbers the release withholds for a funder (none for coordinators: live numbers)."""
    if _funder():
        from ui import published

        return published.withheld_headlines(filters)
    return set()


# Look-ups by a text or one person (analytics.insights), cached under the data version like the tables.
_LOOKUPS = {"find_people": insights.find_people, "person_history": insights.person_history}


@st.cache_data(show_spinner=False, max_entries=128)
def _lookup(path: str, version: str, name: str, value: str) -> pd.DataFrame:
    with cursor() as cur:
        return _LOOKUPS[name](cur, value)


def find_people(text: str) -> pd.DataFrame:
    """People whose email or name contains ``text``."""
    return _lookup(source(), data_version(), "find_people", text)


def person_history(person: str) -> pd.DataFrame:
    """Every course one person took part in, led or mentored."""
    return _lookup(source(), data_version(), "person_history", person)


@st.cache_data(show_spinner=False, max_entries=64)
def _leader_candidates(path: str, version: str, key: tuple, min_terms: int, min_rating: float) -> pd.DataFrame:
    with cursor() as cur:
        return insights.leader_candidates(cur, filters_from_key(key), min_terms=min_terms, min_rating=min_rating)


def leader_candidates(filters: Filters, min_terms: int = 2, min_rating: float = 4.0) -> pd.DataFrame:
    """People who could lead a course next (see analytics.insights.leader_candidates)."""
    return _leader_candidates(source(), data_version(), filter_key(filters), int(min_terms), float(min_rating))


def goal_progress() -> pd.DataFrame:
    """Each goal's progress on the live numbers (coordinators): the goals are read on every run, so an edit shows
    at once; the tables they are measured on come from the cache above (they change only with the data)."""
    tables = {name: table(name, Filters()) for name in (*goals.SOURCE_TABLES, "enrollment_status")}
    with cursor() as cur:
        recorded = goals.list_goals(cur)
    return goals.progress_from(tables, recorded)
