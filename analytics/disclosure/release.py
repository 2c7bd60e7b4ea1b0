"""A stored release: its tables under every published view, read-only.

Funder pages, downloads, the workbook and the report are cut from ``latest_release(con)``;
a release never changes once written (``store.py`` only inserts).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

import duckdb
import pandas as pd

from analytics.disclosure import store
from analytics.disclosure.build import zoom
from analytics.disclosure.tables import RELEASE_TABLES
from analytics.disclosure.views import View, get_view
from analytics.errors import AnalyticsError


@dataclass
class Release:
    id: int
    created_at: datetime
    as_of: datetime | None
    k: int
    p: int
    views: tuple[View, ...]
    tables: tuple[str, ...]
    n_atoms: int
    cells: int
    withheld_cells: int
    narrowest: float | None
    audit: dict
    _con: duckdb.DuckDBPyConnection = field(repr=False)
    _cache: dict = field(default_factory=dict, repr=False)

    def offers(self, name: str, view: str | View) -> bool:
        """Whether table ``name`` is in this release under ``view`` (course_mix is not, under one sector)."""
        view = get_view(view)
        return name in self.tables and view in self.views and RELEASE_TABLES[name].offered(view.id)

    def frame_names(self) -> list[tuple[str, str]]:
        """(view id, table) of every frame in the release."""
        return [(v.id, t) for v in self.views for t in self.tables if RELEASE_TABLES[t].offered(v.id)]

    def _load(self, name: str, view: str | View) -> tuple[pd.DataFrame, pd.DataFrame]:
        view = get_view(view)
        if not self.offers(name, view):
            published = ", ".join(t for t in self.tables if RELEASE_TABLES[t].offered(view.id))
            raise AnalyticsError(f"release {self.id} has no table {name!r} under view {view.id!r}; it has: {published}")
        key = (name, view.id)
        if key not in self._cache:
            row = (
                self._con.cursor()
                .execute(
                    "select frame, withheld from release_frames where release_id = ? and view_id = ? "
                    "and table_name = ?",
                    [self.id, view.id, name],
                )
                .fetchone()
            )
            self._cache[key] = (store.from_parquet(row[0]), store.from_parquet(row[1]))
        return self._cache[key]

    def table(self, name: str, view: str | View, term_from=None, term_to=None) -> pd.DataFrame:
        """The table as released: the live table's columns and row order, withheld cells NA;
        ``term_from``/``term_to`` keep the rows whose term (cohort, school year) is in the range."""
        frame, _ = self._load(name, view)
        return zoom(frame.copy(), RELEASE_TABLES[name], term_from, term_to)

    def withheld(self, name: str, view: str | View, term_from=None, term_to=None) -> pd.DataFrame:
        """Same shape as ``table``: True where the cell is withheld."""
        frame, mask = self._load(name, view)
        if term_from is None and term_to is None:
            return mask.copy()
        kept = zoom(frame.assign(_row=range(len(frame))), RELEASE_TABLES[name], term_from, term_to)["_row"]
        return mask.iloc[kept.to_numpy()].reset_index(drop=True)

    def summary(self) -> pd.DataFrame:
        """Per table: cells, published, withheld, share withheld, narrowest interval (from the publication audit)."""
        return pd.DataFrame(self.audit.get("tables", []))


def _from_row(con, row) -> Release:
    (rid, created, as_of, k, p, views, tables, n_atoms, cells, withheld, narrowest, audit) = row
    return Release(
        int(rid),
        created,
        as_of,
        int(k),
        int(p),
        tuple(get_view(v) for v in json.loads(views)),
        tuple(json.loads(tables)),
        int(n_atoms),
        int(cells),
        int(withheld),
        narrowest,
        json.loads(audit),
        con,
    )


_COLUMNS = "release_id, created_at, as_of, k, p, views, tables, n_atoms, cells, withheld, narrowest, audit"


def _has_tables(con) -> bool:
    found = con.execute("select count(*) from duckdb_tables() where table_name = 'releases'").fetchone()[0]
    return bool(found)


def latest_release(con: duckdb.DuckDBPyConnection) -> Release | None:
    """The newest release, or None when nothing was published yet."""
    if not _has_tables(con):
        return None
    row = con.execute(f"select {_COLUMNS} from releases order by release_id desc limit 1").fetchone()  # noqa: S608
    return _from_row(con, row) if row else None


def get_release(con: duckdb.DuckDBPyConnection, release_id: int) -> Release:
    """Release ``release_id``; AnalyticsError naming the id when there is none."""
    row = None
    if _has_tables(con):
        row = con.execute(f"select {_COLUMNS} from releases where release_id = ?", [int(release_id)]).fetchone()  # noqa: S608
    if row is None:
        raise AnalyticsError(f"no release {release_id}; list them with python -m analytics releases")
    return _from_row(con, row)


def list_releases(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """id, created_at, as_of, k, p, cells, withheld, audit ('passed'), newest first."""
    columns = ["id", "created_at", "as_of", "k", "p", "cells", "withheld", "narrowest", "audit"]
    if not _has_tables(con):
        return pd.DataFrame(columns=columns)
    frame = con.execute(
        "select release_id as id, created_at, as_of, k, p, cells, withheld, narrowest, "
        "case when json_extract(audit, '$.passed')::boolean then 'passed' else 'failed' end as audit "
        "from releases order by release_id desc"
    ).df()
    return frame[columns]
