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


def _metric(name: str) -> Callable[[duckdb.DuckDBPyConnection, Filters], pd.DataFrame]:
    return lambda con, filters: compute(con, name, filters)


def _cohort_alias(row_key: str, column: str) -> str:
    cohort = row_key.split(SEP)[0]
    return f"{cohort}{SEP}{cohort}" if column == "cohort_size" else row_key


def _from_spec(name: str, **extra) -> ReleaseTable:
    spec = METRIC_SPECS[name]
    return ReleaseTable(name, spec.columns, spec.keys, live=_metric(name), **extra)


_PEOPLE = ("participants", "new_participants", "returning_participants")

RELEASE_TABLES: dict[str, ReleaseTable] = {
    t.name: t
    for t in (
        _from_spec(
            "participation_by_term",
            counts=("enrollments", *_PEOPLE, "schools", "leaders", "mentors"),
            present=("enrollments", "participants"),
            school_mates=(("schools", "participation_by_term", "participants"),),
        ),
        _from_spec(
            "participation_by_sector",
            counts=("enrollments", *_PEOPLE),
            present=("enrollments", "participants"),
        ),
        _from_spec(
            "participation_by_category",
            counts=("enrollments", "participants"),
            present=("enrollments", "participants"),
        ),
        _from_spec(
            "returning_by_term",
            counts=_PEOPLE,
            derived={"returning_rate": ("returning_participants", "participants")},
            present=("participants",),
        ),
        _from_spec(
            "cohort_retention",
            counts=("cohort_size", "active"),
            derived={"retention_rate": ("active", "cohort_size")},
            present=("cohort_size",),
            alias=_cohort_alias,
            term_column="cohort",
        ),
        _from_spec(
            "leader_pipeline",
            counts=(
                "participants",
                "leaders",
                "mentors",
                "new_leaders",
                "leaders_from_participants",
                "cumulative_leaders",
                "cumulative_mentors",
            ),
            present=("participants",),
        ),
        _from_spec(
            "pipeline_conversion",
            counts=("cohort_size", "became_leader"),
            derived={"conversion_rate": ("became_leader", "cohort_size"), "median_terms_to_lead": ("became_leader",)},
            present=("cohort_size",),
            term_column="cohort",
        ),
        _from_spec("cross_sector_exchange", counts=("enrollments",), present=("enrollments",), term_column=None),
        _from_spec(
            "course_mix",
            counts=("participants",),
            # mixing_index and sectors_represented are decided in protect.py (quadratic in a
            # course's sector counts, which its rows under one-sector views are; see the decision record)
            derived={"mixing_index": ("participants",), "sectors_represented": ("participants",)},
            present=("participants",),
            in_sector_views=False,
        ),
        _from_spec(
            "schools_reached",
            counts=("schools", "new_schools", "cumulative_schools"),
            present=("schools",),
            school_mates=(
                ("schools", "participation_by_sector", "participants"),
                ("new_schools", "participation_by_sector", "participants"),
                ("cumulative_schools", "participation_by_sector", "participants"),
            ),
        ),
        ReleaseTable(
            "courses_per_person",
            insights.SPECS["courses_per_person"].columns,
            ("courses_taken",),
            counts=("people",),
            present=("people",),
            term_column=None,
            live=insights.courses_per_person,
        ),
        ReleaseTable(
            "pipeline_path",
            insights.SPECS["pipeline_path"].columns,
            ("stage",),
            counts=("people",),
            term_column=None,
            live=insights.pipeline_path,
        ),
        ReleaseTable(
            "participation_by_year",
            (
                "school_year",
                "courses",
                "enrollments",
                "participants",
                "new_participants",
                "returning_participants",
                "schools",
                "leaders",
                "mentors",
            ),
            ("school_year",),
            counts=("enrollments", *_PEOPLE, "schools", "leaders", "mentors"),
            present=("enrollments", "participants"),
            school_mates=(("schools", "participation_by_year", "participants"),),
            term_column="school_year",
            live=_metric("participation_by_year") if "participation_by_year" in METRIC_SPECS else None,
        ),
    )
}

# The unit each membership query's kind letter stands for (for the decision record and the audit).
KINDS = {"p": "person", "e": "enrollments of one course and sector", "s": "school", "c": "course (not protected)"}
