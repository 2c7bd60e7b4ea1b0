"""The pandas baseline's inputs: the canonical tables as DataFrames, and the per-person facts every table needs.

This is what an analyst would write instead of the warehouse's SQL: read the
canonical tables into pandas once (``load_frames``, not timed by the
benchmark), derive each person's first term and sector in each term
(``Prepared``, timed once, like the DuckDB marts' rebuild), then answer every
table with vectorised groupbys (``analytics.bench.pandas_tables``).
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from analytics.filters import Filters

COUNTING = ("enrolled", "completed")
CANONICAL = ("courses", "course_staff", "schools", "enrollments", "survey_responses")


@dataclass
class Frames:
    """The canonical tables, read as they are."""

    courses: pd.DataFrame
    course_staff: pd.DataFrame
    schools: pd.DataFrame
    enrollments: pd.DataFrame
    survey_responses: pd.DataFrame


def load_frames(con: duckdb.DuckDBPyConnection) -> Frames:
    """Every canonical table as a DataFrame (``select *``; the benchmark does not time this)."""
    cursor = con.cursor()
    try:
        # names come from the fixed tuple CANONICAL, never from a user
        tables = {name: cursor.execute(f"select * from {name}").df() for name in CANONICAL}  # noqa: S608
    finally:
        cursor.close()
    return Frames(**tables)


def school_key(names: pd.Series) -> pd.Series:
    """Lower-cased, trimmed, inner spaces collapsed; blank = missing (as the warehouse matches schools)."""
    key = names.str.lower().str.strip().str.replace(r"\s+", " ", regex=True)
    return key.where(key.notna() & (key != ""))


class Prepared:
    """The facts decided over all data (first term, sector in a term, staff sectors), derived once."""

    def __init__(self, frames: Frames) -> None:
        self.courses = frames.courses
        category = frames.courses[["course_id", "category"]]
        enrollments = frames.enrollments.merge(category, on="course_id", how="left")
        enrollments["category"] = enrollments["category"].fillna("other")
        self.enrollments = enrollments
        self.terms = sorted(set(frames.courses.term_order) | set(enrollments.term_order))
        self.position = pd.Series(range(1, len(self.terms) + 1), index=self.terms)

        counting = enrollments[enrollments.status.isin(COUNTING)]
        # The sector of a participant in a term: their latest-registered counting enrollment's.
        latest_first = counting.sort_values(
            ["registered_at", "batch_id", "source_line", "course_id"], ascending=False, na_position="last"
        )
        per_term = latest_first.drop_duplicates(["person_id", "term_order"])[["person_id", "term_order", "sector"]]
        per_term = per_term.rename(columns={"sector": "participant_sector"})
        first_term = counting.groupby("person_id", sort=False).term_order.min().rename("first_term")
        per_term = per_term.join(first_term, on="person_id")
        self.participant_terms = per_term.reset_index(drop=True)

        facts = counting.drop(columns="sector").merge(per_term, on=["person_id", "term_order"])
        facts = facts.rename(columns={"participant_sector": "sector"})
        facts["school_key"] = school_key(facts["school"])
        self.facts = facts[
            ["course_id", "term_order", "person_id", "status", "category", "sector", "first_term", "school_key"]
        ]

        # A leader's sector: the catalog's, else their school's, else their own latest enrollment's, else other.
        own = per_term.sort_values("term_order").drop_duplicates("person_id", keep="last")
        own = own.set_index("person_id").participant_sector
        schools = frames.schools.set_index("school_key").sector
        staff = frames.course_staff.merge(frames.courses[["course_id", "term_order"]], on="course_id")
        sector = staff.sector.combine_first(school_key(staff.school).map(schools)).combine_first(
            staff.person_id.map(own)
        )
        staff["sector"] = sector.fillna("other")
        self.staff = staff[["course_id", "term_order", "role", "person_id", "sector"]]

        surveys = frames.survey_responses.merge(category, on="course_id", how="left")
        surveys["category"] = surveys["category"].fillna("other")
        sectors = per_term[["person_id", "term_order", "participant_sector"]]
        surveys = surveys.merge(sectors, on=["person_id", "term_order"], how="left")
        self.surveys = surveys.rename(columns={"participant_sector": "respondent_sector"})

    def counted(self, f: Filters, *, term_range: bool = True) -> pd.DataFrame:
        """Counting enrollments that pass the filters (the term range only when ``term_range``)."""
        out = self.facts
        if f.sectors:
            out = out[out.sector.isin(f.sectors)]
        if f.categories:
            out = out[out.category.isin(f.categories)]
        return in_terms(out, f) if term_range else out

    def staff_of(self, course_ids: pd.DataFrame, role: str) -> pd.DataFrame:
        """The staff in ``role`` of the courses in ``course_ids`` (a frame with course_id, term_order)."""
        staff = self.staff[self.staff.role == role]
        return course_ids.drop_duplicates().merge(staff[["course_id", "person_id"]], on="course_id")


def in_terms(frame: pd.DataFrame, f: Filters, column: str = "term_order") -> pd.DataFrame:
    """Rows of ``frame`` whose term lies in the filters' range."""
    if f.term_from:
        frame = frame[frame[column] >= f.term_from.order]
    if f.term_to:
        frame = frame[frame[column] <= f.term_to.order]
    return frame
