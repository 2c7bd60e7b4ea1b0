"""What the dashboard pages show beyond the docs/METRICS.md tables.

Headline numbers with their fair comparison (``analytics.comparisons``: the same
season a year earlier, the school year before), growth since the first term,
courses per person, the participant -> leader -> mentor path, looking a person
up, and leader candidates. Queries live in
``analytics/sql/insights/``; every user value is a bound parameter. The
headline and growth figures are computed from a ``participation_by_term``
frame, so they always agree with the tables and charts beside them.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from analytics.comparisons import (  # noqa: F401  (re-exported: pages and the report import them from here)
    HEADLINES,
    Headline,
    headline_numbers,
    in_progress_term,
    number,
    year_headlines,
    year_in_progress,
)
from analytics.filters import Filters
from analytics.metrics.spec import TableSpec
from analytics.metrics.tables import query_frame
from analytics.vocab import parse_term

# The insight tables a funder may see, declared like the registry's (analytics/metrics/spec.py), so small
# counts are withheld the same way and releases protect them.
SPECS: dict[str, TableSpec] = {
    "courses_per_person": TableSpec(
        "courses_per_person",
        ("courses_taken", "people"),
        "How many people took 1, 2, 3 ... courses.",
        keys=("courses_taken",),
        person_counts=("people",),
        grain="one row per number of courses taken (1, 2, 3 ...): how many people took that many",
        sql="insights/courses_per_person.sql",
        counts=("people",),
        charts=("courses_per_person",),
        pages=("pages/returning.py",),
        protected=("people",),
        present=("people",),
        term_column=None,
    ),
    "pipeline_path": TableSpec(
        "pipeline_path",
        ("stage", "people"),
        "People who took part, then went on to lead, then to mentor.",
        keys=("stage",),
        person_counts=("people",),
        grain="one row per stage of the participant -> leader -> mentor path (always three rows)",
        sql="insights/pipeline_path.sql",
        counts=("people",),
        charts=("pipeline_funnel",),
        pages=("pages/pipeline.py",),
        protected=("people",),
        term_column=None,
    ),
}


def protect_total(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """After small counts of ``column`` were withheld, withhold one more when only one was.

    The rows of ``courses_per_person`` add up to the people who took part, which the
    path funnel shows; one lone withheld row would be that total minus the rest.
    The smallest count still shown is withheld with it.
    """
    values = pd.to_numeric(frame[column], errors="coerce")
    if values.isna().sum() != 1 or values.dropna().empty:
        return frame
    out = frame.copy()
    out.loc[values.dropna().idxmin(), column] = pd.NA
    return out


@dataclass(frozen=True)
class Growth:
    """From the first term shown to the latest: participants and courses at both ends."""

    first_term: str
    last_term: str
    first_participants: float | None
    last_participants: float | None
    first_courses: float | None
    last_courses: float | None
    terms: int


_number = number


def _in_term_order(frame: pd.DataFrame) -> pd.DataFrame:
    orders = [parse_term(label).order if parse_term(label) else 0 for label in frame["term"]]
    return frame.assign(_order=orders).sort_values("_order").drop(columns="_order").reset_index(drop=True)


def growth_since_first(participation_by_term: pd.DataFrame) -> Growth | None:
    """Participants and courses in the first and the latest term of the frame; None when it has no rows."""
    if participation_by_term is None or participation_by_term.empty:
        return None
    frame = _in_term_order(participation_by_term)
    first, last = frame.iloc[0], frame.iloc[-1]
    return Growth(
        first_term=str(first["term"]),
        last_term=str(last["term"]),
        first_participants=_number(first["participants"]),
        last_participants=_number(last["participants"]),
        first_courses=_number(first["courses"]),
        last_courses=_number(last["courses"]),
        terms=len(frame),
    )


def _query(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, object]) -> pd.DataFrame:
    return query_frame(con, f"insights/{name}.sql", params)


def courses_per_person(con: duckdb.DuckDBPyConnection, filters: Filters | None = None) -> pd.DataFrame:
    """``courses_taken, people``: how many people took 1, 2, 3 ... counted courses within the filters."""
    return _query(con, "courses_per_person", (filters or Filters()).params())


def pipeline_path(con: duckdb.DuckDBPyConnection, filters: Filters | None = None) -> pd.DataFrame:
    """``stage, people``: who took part (within the filters), then went on to lead, then to mentor."""
    return _query(con, "pipeline_path", (filters or Filters()).params())


def find_people(con: duckdb.DuckDBPyConnection, text: str) -> pd.DataFrame:
    """``email, full_name, terms, first_term, last_term`` of people whose email or name contains ``text``.

    Blank text finds nobody (an empty frame), rather than listing everyone.
    """
    query = (text or "").strip()
    frame = _query(con, "find_people", {"text": query or "\x00"})
    return frame if query else frame.iloc[0:0]


def person_history(con: duckdb.DuckDBPyConnection, person: str) -> pd.DataFrame:
    """Every course a person (by email) took part in, led or mentored, with their survey answers."""
    return _query(con, "person_history", {"person": person})


def leader_candidates(
    con: duckdb.DuckDBPyConnection,
    filters: Filters | None = None,
    *,
    min_terms: int = 2,
    min_rating: float = 4.0,
) -> pd.DataFrame:
    """People who came back in ``min_terms`` or more terms, said yes to leading, rate courses well, and have not led."""
    params = (filters or Filters()).params() | {"min_terms": int(min_terms), "min_rating": float(min_rating)}
    return _query(con, "leader_candidates", params)
