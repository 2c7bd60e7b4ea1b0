"""What funders see: the latest published release, cut to one of its views, cached per release.

Funders never query live data: every number a funder page, chart, download or
file shows comes through here (or through ``analytics.exports``, which reads the
same release). A view is one of the release's fixed views (everything, one
sector, one strand); the sidebar's term range keeps rows of the published table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd
import streamlit as st

from analytics import disclosure, warehouse
from analytics.filters import Filters
from analytics.vocab import Term, parse_term
from ui.data import cursor, source
from ui.url import filter_key


@dataclass(frozen=True)
class ReleaseInfo:
    """A release's identity and rule, small enough to keep per run (the tables stay in the cache)."""

    id: int
    created_at: datetime
    as_of: datetime | None
    k: int
    p: int
    views: tuple[disclosure.View, ...]
    tables: tuple[str, ...]

    def view(self, view_id: str) -> disclosure.View:
        return next(v for v in self.views if v.id == view_id)

    def offered(self, view: disclosure.View) -> list[str]:
        """The tables published under ``view`` (the mixing index is not, under one sector)."""
        return [t for t in self.tables if disclosure.RELEASE_TABLES[t].offered(view.id)]

    @property
    def stamp(self) -> str:
        """`release 3, published 1 December 2026` for file names and captions."""
        return f"release {self.id}, published {self.created_at:%-d %B %Y}"


def _info(release: disclosure.Release) -> ReleaseInfo:
    return ReleaseInfo(
        release.id, release.created_at, release.as_of, release.k, release.p, tuple(release.views), tuple(release.tables)
    )


@st.cache_data(show_spinner=False, ttl=5, max_entries=4)
def _latest(path: str) -> ReleaseInfo | None:
    # A short time to live: a release published in another process (the command line) shows within seconds;
    # the Data page's button clears this cache at once.
    with cursor() as cur:
        release = disclosure.latest_release(cur)
        return None if release is None else _info(release)


def latest() -> ReleaseInfo | None:
    """The latest published release (None when the coordinators have not published one)."""
    return _latest(warehouse.db_path())


def forget() -> None:
    """After publishing: the next run reads the new release."""
    _latest.clear()


def view_of(release: ReleaseInfo, filters: Filters) -> tuple[disclosure.View, bool]:
    """The published view for ``filters``' sectors and strands, and whether it is exactly what they ask.

    A choice the release does not publish (two sectors, a sector and a strand) gets the nearest one.
    """
    view = disclosure.view_for(filters)
    published = {v.id for v in release.views}
    if view is not None and view.id in published:
        return view, True
    nearest = disclosure.nearest_view(filters)
    return (nearest if nearest.id in published else release.view("all")), False


def filters_of(view: disclosure.View, filters: Filters) -> Filters:
    """The view's own filters, with ``filters``' term range as the zoom."""
    base = view.filters()
    return Filters(base.sectors, base.categories, filters.term_from, filters.term_to)


@st.cache_data(show_spinner="Reading the release...", max_entries=512)
def _table(path: str, release_id: int, name: str, view_id: str, key: tuple) -> tuple[pd.DataFrame, pd.DataFrame]:
    low, high = _zoom_terms(key)
    with cursor() as cur:
        release = disclosure.get_release(cur, release_id)
        frame = release.table(name, view_id, low, high).reset_index(drop=True)
        mask = release.withheld(name, view_id, low, high).reset_index(drop=True)
    return frame, mask


def _zoom_terms(key: tuple) -> tuple[Term | None, Term | None]:
    _, _, low, high = key
    return (Term.from_order(low) if low is not None else None, Term.from_order(high) if high is not None else None)


def offers(name: str, filters: Filters) -> bool:
    """Whether the latest release publishes table ``name`` under the view ``filters`` name."""
    release = latest()
    if release is None:
        return False
    view, _ = view_of(release, filters)
    return name in release.offered(view)


def table(name: str, filters: Filters) -> pd.DataFrame:
    """Published table ``name`` under the view ``filters`` name, zoomed to their term range (withheld = NA)."""
    return table_and_mask(name, filters)[0]


def table_and_mask(name: str, filters: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The published table and its withheld mask (True = withheld), rows matching."""
    release = latest()
    if release is None:
        raise RuntimeError("no release: the funder pages stop before asking for a table")
    view, _ = view_of(release, filters)
    return _table(source(), release.id, name, view.id, filter_key(filters))


def terms(release: ReleaseInfo) -> list[Term]:
    """The terms the release covers (its participation_by_term under everything), in term order."""
    frame, _ = _table(source(), release.id, "participation_by_term", "all", filter_key(Filters()))
    found = [parse_term(str(label)) for label in frame["term"]]
    return sorted({t for t in found if t is not None})


def withheld_headlines(filters: Filters) -> set[str]:
    """The headline numbers (columns of participation_by_term, and returning_rate) the release withholds
    in the latest term of the view: they show as withheld, with no arrow."""
    frame, mask = table_and_mask("participation_by_term", filters)
    if frame.empty:
        return set()
    orders = [t.order if (t := parse_term(str(label))) else -1 for label in frame["term"]]
    latest_row = mask.iloc[max(range(len(orders)), key=orders.__getitem__)]
    columns = {column for column in mask.columns if bool(latest_row[column])}
    if columns & {"participants", "returning_participants"}:
        columns.add("returning_rate")  # computed from them (insights.headline_numbers)
    return columns


def zooms(name: str) -> bool:
    """Whether the term range keeps rows of published table ``name`` (False: it covers every term)."""
    table = disclosure.RELEASE_TABLES.get(name)
    return table is None or table.term_column is not None
