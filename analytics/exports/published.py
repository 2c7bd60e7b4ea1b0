"""Tables cut from the latest published release: what funders and every `--suppress-below K` export get.

Nothing here computes a number from live data. A view (everything, one sector,
one strand) is one of the release's fixed views; the term range only keeps rows
of the published table (a zoom), it never asks for a new query. A filter set
that is not published is refused with a message naming the views that are.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

from analytics import disclosure, insights
from analytics.errors import AnalyticsError
from analytics.exports.meta import ReleaseStamp, rule_text
from analytics.exports.xlsx import SheetTable
from analytics.filters import Filters
from analytics.metrics.spec import TABLES, TableSpec


class NotPublishedError(AnalyticsError):
    """What was asked for is not in the release (no release yet, a view or table it does not hold)."""


def latest(con: duckdb.DuckDBPyConnection, k: int | None = None) -> disclosure.Release:
    """The latest release; refused when there is none, or when it protects less than threshold ``k`` asks."""
    release = disclosure.latest_release(con)
    if release is None:
        raise NotPublishedError(
            "no release has been published yet: a coordinator publishes one with `python -m analytics publish` "
            "(or the Data page's Publish button)"
        )
    if k is not None and k > release.k:
        raise NotPublishedError(
            f"the latest release (id {release.id}) withholds counts below {release.k}, not below {k}: "
            f"publish one with `python -m analytics publish --k {k}`"
        )
    return release


def view_flags(view: disclosure.View) -> str:
    """How the command line asks for a view: `--sector charter`, `--category X`, or `no --sector/--category`."""
    flags = [f"--sector {s}" for s in view.sectors or ()] + [f"--category {c}" for c in view.categories or ()]
    return " ".join(flags) or "no --sector/--category"


def published_view(release: disclosure.Release, filters: Filters) -> disclosure.View:
    """The release's view for ``filters``' sectors and strands (the term range is a zoom, not a view)."""
    view = disclosure.view_for(filters)
    if view is None or view.id not in {v.id for v in release.views}:
        asked = Filters(filters.sectors, filters.categories).describe()
        offered = ", ".join(view_flags(v) for v in release.views)
        raise NotPublishedError(f"{asked} is not a published view; release {release.id} publishes: {offered}")
    return view


def stamp(release: disclosure.Release, view: disclosure.View) -> ReleaseStamp:
    return ReleaseStamp(release.id, release.created_at, release.k, release.p, view.id, view.label)


def spec_for(name: str, frame: pd.DataFrame) -> TableSpec:
    """The table's definition: docs/METRICS.md's, the dashboard's own insight tables', or (a table only the
    release knows) its columns with the text columns as keys."""
    if name in TABLES:
        return TABLES[name]
    if name in insights.SPECS:
        return insights.SPECS[name]
    keys = tuple(c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c]))
    return TableSpec(name, tuple(frame.columns), f"{name} (published table)", keys=keys)


def offered(release: disclosure.Release, view: disclosure.View) -> list[str]:
    """The tables the release publishes under ``view`` (the mixing index is not offered under one sector)."""
    return [name for name in release.tables if release.offers(name, view)]


def require_table(release: disclosure.Release, name: str, view: disclosure.View) -> None:
    if name not in release.tables:
        raise NotPublishedError(
            f"{name} is not published for funders (coordinators only); release {release.id} holds: "
            + ", ".join(release.tables)
        )
    if not release.offers(name, view):
        raise NotPublishedError(
            f"{name} is not published under the view {view.label}; release {release.id} offers there: "
            + ", ".join(offered(release, view))
        )


def release_sheet(
    release: disclosure.Release, name: str, view: disclosure.View, filters: Filters | None = None
) -> SheetTable:
    """One published table under ``view``, zoomed to ``filters``' term range, with its withheld mask and notes."""
    filters = filters or Filters()
    require_table(release, name, view)
    frame = release.table(name, view, filters.term_from, filters.term_to).reset_index(drop=True)
    mask = release.withheld(name, view, filters.term_from, filters.term_to).reset_index(drop=True)
    withheld = int(mask.to_numpy().sum())
    notes = [
        rule_text(release.k, release.p),
        f"Cut from {stamp(release, view).text}, view: {view.label}.",
        f"{withheld} cell(s) withheld." if withheld else "Nothing in this table needed withholding.",
    ]
    return SheetTable(spec_for(name, frame), frame, notes, mask)


def release_sheets(
    release: disclosure.Release, names: Sequence[str] | None, filters: Filters | None = None
) -> dict[str, SheetTable]:
    """Published tables ``names`` (every table of the release when None) for the view ``filters`` name."""
    filters = filters or Filters()
    view = published_view(release, filters)
    return {name: release_sheet(release, name, view, filters) for name in (names or offered(release, view))}
