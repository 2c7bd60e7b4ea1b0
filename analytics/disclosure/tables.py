"""The funder tables of a release: what each count cell counts, and how its other cells follow.

Every count cell of a release is modelled as a set of units (people, groups of enrollments of
one course and participant sector, schools) listed by a membership query in
``analytics/sql/disclosure/<table>.sql``. This module says, per table, which columns are such
counts, which columns are computed from them (withheld with them), which count marks a row's
existence (every shown row has at least one), and which school counts go with which people count.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from analytics import insights
from analytics.filters import Filters
from analytics.metrics import TABLES as METRIC_SPECS
from analytics.metrics import compute
from analytics.metrics.table_spec import TableSpec

SEP = "\x1f"  # joins a row's key values into one row key (the membership queries use chr(31))


@dataclass(frozen=True)
class ReleaseTable:
    name: str
    columns: tuple[str, ...]
    keys: tuple[str, ...]
    counts: tuple[str, ...]  # protected counts: 0, at least K, or withheld
    derived: dict[str, tuple[str, ...]] = field(default_factory=dict)  # withheld with any of its counts
    present: tuple[str, ...] = ()  # counts that are at least 1 on every row shown (the row exists)
    # (school count column, table, people count column): the school count is withheld with it
    school_mates: tuple[tuple[str, str, str], ...] = ()
    # count columns repeated on several rows: the row key they are listed under (cohort_size)
    alias: Callable[[str, str], str] | None = None
    term_column: str | None = "term"  # what a term-range zoom selects on
    live: Callable[[duckdb.DuckDBPyConnection, Filters], pd.DataFrame] | None = None
    # False: not offered under one-sector views (its cells there are modelled, never shown)
    in_sector_views: bool = True

    def offered(self, view_id: str) -> bool:
        return self.in_sector_views or not view_id.startswith("sector:")

    def row_keys(self, frame: pd.DataFrame) -> list[str]:
        """The row key of every row of a live frame, as the membership queries write it."""
        if frame.empty:
            return []
        parts = frame[list(self.keys)].astype("object").where(frame[list(self.keys)].notna(), "")
        return [SEP.join(str(v) for v in row) for row in parts.itertuples(index=False)]


def _alias_for(spec: TableSpec) -> Callable[[str, str], str] | None:
    """Count columns repeated on several rows (cohort_size) are modelled under the row key the
    registry names for them (``TableSpec.repeats``)."""
    if not spec.repeats:
        return None

    def alias(row_key: str, column: str) -> str:
        if column not in spec.repeats:
            return row_key
        values = dict(zip(spec.keys, row_key.split(SEP), strict=False))
        return SEP.join(values[k] for k in spec.repeats[column])

    return alias


def _release_table(spec: TableSpec) -> ReleaseTable:
    if spec.name in METRIC_SPECS:
        live = lambda con, filters, name=spec.name: compute(con, name, filters)  # noqa: E731
    else:
        live = getattr(insights, spec.name)
    return ReleaseTable(
        spec.name,
        spec.columns,
        spec.keys,
        counts=spec.protected,
        derived=spec.derived,
        present=spec.present,
        school_mates=spec.school_mates,
        alias=_alias_for(spec),
        term_column=spec.term_column,
        live=live,
        in_sector_views=spec.in_sector_views,
    )


# Every table the registry marks as released (analytics/metrics/spec.py and insights.SPECS): the
# release's tables are declared there, once, beside the table's columns and SQL.
RELEASE_TABLES: dict[str, ReleaseTable] = {
    spec.name: _release_table(spec) for spec in (*METRIC_SPECS.values(), *insights.SPECS.values()) if spec.released
}
