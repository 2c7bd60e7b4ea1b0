"""One function per table of docs/METRICS.md, each running its own query in analytics/sql/metrics.

Every function takes an open warehouse connection and optional Filters and
returns a DataFrame with exactly the table's columns (``TABLES[name].columns``)
in order, rows sorted by term order then the other keys. Terms and cohorts are
canonical labels ('Spring 2018'); counts are int64; rates are float64 rounded
as docs/METRICS.md says, NaN where blank. The queries read the staging views of
``analytics/sql/staging/``, which decide everything filters
must not change (first term, sector in a term, who led when) over all data.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from analytics.errors import UnknownValueError
from analytics.filters import Filters
from analytics.metrics import marts
from analytics.metrics.spec import TABLES
from analytics.vocab import Term
from analytics.warehouse import read_sql

# Measures that are counts in any table; everything else measured is a rate or an average.
_COUNT_COLUMNS = frozenset(
    {
        "courses",
        "enrollments",
        "participants",
        "new_participants",
        "returning_participants",
        "schools",
        "leaders",
        "mentors",
        "cohort_size",
        "active",
        "new_leaders",
        "leaders_from_participants",
        "cumulative_leaders",
        "cumulative_mentors",
        "became_leader",
        "sectors_represented",
        "new_schools",
        "cumulative_schools",
        "responses",
        "completions",
    }
)


def run_table(con: duckdb.DuckDBPyConnection, name: str, filters: Filters | None = None) -> pd.DataFrame:
    """Table ``name`` of docs/METRICS.md under ``filters`` (None = everything counted)."""
    spec = TABLES.get(name)
    if spec is None:
        raise UnknownValueError("table", name, sorted(TABLES))
    params = (filters or Filters()).params()
    sql = read_sql(f"metrics/{name}.sql")
    if not marts.ensure_fresh(con):
        sql = marts.read_from_views(sql)
    # A cursor per query: one connection is shared by every dashboard session (thread).
    cursor = con.cursor()
    try:
        frame = cursor.execute(sql, params).df()
    finally:
        cursor.close()
    if tuple(frame.columns) != spec.columns:
        raise RuntimeError(
            f"metrics/{name}.sql returns {list(frame.columns)}, docs/METRICS.md says {list(spec.columns)}"
        )
    for column in spec.columns:
        if column in _COUNT_COLUMNS:
            frame[column] = frame[column].astype("int64")
        elif column in spec.keys:
            # An empty result comes back as object; text is pandas' str dtype either way (blank = NaN).
            frame[column] = frame[column].astype("str")
        else:
            frame[column] = frame[column].astype("float64")
    return frame


def compute(con: duckdb.DuckDBPyConnection, name: str, filters: Filters | None = None) -> pd.DataFrame:
    """Any table by name; UnknownValueError (listing the valid names) for an unknown one."""
    return run_table(con, name, filters)


def terms_present(con: duckdb.DuckDBPyConnection) -> list[Term]:
    """Terms offered or enrolled in, in term order (for filter widgets and axis order)."""
    sql = read_sql("metrics/marts/terms_present.sql")
    if not marts.ensure_fresh(con):
        sql = marts.read_from_views(sql)
    cursor = con.cursor()
    try:
        rows = cursor.execute(sql).fetchall()
    finally:
        cursor.close()
    return [Term.from_order(order) for (order,) in rows]


def participation_by_term(con: duckdb.DuckDBPyConnection, filters: Filters | None = None) -> pd.DataFrame:
    """Courses, enrollments, participants (new / returning), schools, leaders, mentors per term."""
    return run_table(con, "participation_by_term", filters)


def participation_by_year(con: duckdb.DuckDBPyConnection, filters: Filters | None = None) -> pd.DataFrame:
    """The participation_by_term counts per school year (Summer to Spring), people counted once a year."""
    return run_table(con, "participation_by_year", filters)


def participation_by_sector(con: duckdb.DuckDBPyConnection, filters: Filters | None = None) -> pd.DataFrame:
    """Enrollments and participants (new / returning) per term and participant sector."""
    return run_table(con, "participation_by_sector", filters)


def participation_by_category(con: duckdb.DuckDBPyConnection, filters: Filters | None = None) -> pd.DataFrame:
    """Courses, enrollments and participants per term and strand."""
    return run_table(con, "participation_by_category", filters)


def returning_by_term(con: duckdb.DuckDBPyConnection, filters: Filters | None = None) -> pd.DataFrame:
    """Participants, new and returning, and the share returning, per term."""
    return run_table(con, "returning_by_term", filters)


def cohort_retention(con: duckdb.DuckDBPyConnection, filters: Filters | None = None) -> pd.DataFrame:
    """For each first-term cohort, members active in each later term present in the data."""
    return run_table(con, "cohort_retention", filters)


def leader_pipeline(con: duckdb.DuckDBPyConnection, filters: Filters | None = None) -> pd.DataFrame:
    """Participants, leaders, mentors, new leaders, leaders grown from within, cumulative counts."""
    return run_table(con, "leader_pipeline", filters)


def pipeline_conversion(con: duckdb.DuckDBPyConnection, filters: Filters | None = None) -> pd.DataFrame:
    """For each first-term cohort, how many later led, the rate, and the median terms to lead."""
    return run_table(con, "pipeline_conversion", filters)


def cross_sector_exchange(con: duckdb.DuckDBPyConnection, filters: Filters | None = None) -> pd.DataFrame:
    """Counted enrollments by course leader sector and participant sector."""
    return run_table(con, "cross_sector_exchange", filters)


def course_mix(con: duckdb.DuckDBPyConnection, filters: Filters | None = None) -> pd.DataFrame:
    """Per course: leader sectors, participants, sectors represented, Gini-Simpson mixing index."""
    return run_table(con, "course_mix", filters)


def schools_reached(con: duckdb.DuckDBPyConnection, filters: Filters | None = None) -> pd.DataFrame:
    """Schools reached per term and sector: all, first time ever, cumulative."""
    return run_table(con, "schools_reached", filters)


def survey_by_course(con: duckdb.DuckDBPyConnection, filters: Filters | None = None) -> pd.DataFrame:
    """Post-course survey per course: responses, completions, rates, rating, NPS."""
    return run_table(con, "survey_by_course", filters)


def survey_by_category(con: duckdb.DuckDBPyConnection, filters: Filters | None = None) -> pd.DataFrame:
    """Post-course survey per term and strand: responses, completions, rates, rating, NPS."""
    return run_table(con, "survey_by_category", filters)


def enrollment_status(con: duckdb.DuckDBPyConnection, filters: Filters | None = None) -> pd.DataFrame:
    """Every enrollment, whatever its status, per term and status."""
    return run_table(con, "enrollment_status", filters)
