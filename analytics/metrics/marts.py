"""The metric marts: materialised copies of the staging views, rebuilt when the data changes.

Deriving every person's first term and sector in each term takes a few hundred
milliseconds at a million enrollments; every metric query needs them. So the
views of ``analytics/sql/staging`` (``stg_*``) are copied into tables (``mart_*``)
once per change of the data, and the metric queries read the tables. A change
is seen through a cheap stamp (batches, undos and row counts), so an import, an
undo, or rows added or removed directly all rebuild the marts before the next
query. (A change made in place with plain SQL, outside an import, is not seen:
call ``refresh(con)`` after one.)

On a read-only warehouse whose marts are missing or stale, the queries read the
views instead: slower, never wrong. Every query reads the marts or the views through the one
bound ``$layer`` prefix (``analytics.metrics.layer``), never by name.
"""

from __future__ import annotations

import hashlib
import threading

import duckdb

from analytics.errors import AnalyticsError
from analytics.schema import staging_sql
from analytics.warehouse import insertion_order, read_sql, transaction

# The marts, each a copy of the staging view of the same name (``stg_`` for ``mart_``).
MART_NAMES = (
    "terms",
    "participant_terms",
    "participant_terms_cube",
    "course_staff",
    "course_leader_sectors",
    "staff_paths",
    "staff_terms",
    "course_sectors",
    "school_terms",
    "survey_course_sectors",
    "enrollment_status",
    "course_numbers",
    "course_totals",
    "survey_course_scores",
    "survey_people",
)

# One rebuild at a time per process: dashboard sessions are threads sharing one connection.
_LOCK = threading.Lock()
# A change to the views' definitions must rebuild marts built by the old definitions.
# (increment.sql is not part of it: it builds the same rows, tests/test_marts_increment.py checks it.)
_DEFINITIONS = hashlib.sha256((staging_sql() + read_sql("metrics/marts/refresh.sql")).encode()).hexdigest()[:12]


def stamps(con: duckdb.DuckDBPyConnection) -> tuple[str, str | None]:
    """(what the data looks like now, what it looked like when the marts were built; None if never)."""
    cursor = con.cursor()
    try:
        stamp, built_from = cursor.execute(read_sql("metrics/marts/stamp.sql")).fetchone()
    finally:
        cursor.close()
    return f"{_DEFINITIONS}:{stamp}", built_from


def refresh(con: duckdb.DuckDBPyConnection, stamp: str | None = None) -> None:
    """Rebuild every mart from the views in one transaction (readers keep the old copy until commit)."""
    stamp = stamp or stamps(con)[0]
    with (
        insertion_order(con, preserve=False),
        transaction(con) as cursor,
    ):  # the setting is put back after a rollback too
        cursor.execute(read_sql("metrics/marts/refresh.sql"))
        check_numbers(cursor)
        cursor.execute("delete from mart_state")
        cursor.execute("insert into mart_state values ($stamp)", {"stamp": stamp})


def fresh_in(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the marts match the data as ``con``'s own transaction sees it (an import, before it writes)."""
    try:
        stamp, built_from = con.execute(read_sql("metrics/marts/stamp.sql")).fetchone()
    except duckdb.CatalogException:
        return False
    return built_from == f"{_DEFINITIONS}:{stamp}"


def strands(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The strands the data has: each has a bit in every person-term row, so a new one renumbers them all."""
    return [row[0] for row in con.execute("select distinct category from courses order by category").fetchall()]


def update_in(con: duckdb.DuckDBPyConnection, batch_ids: list[int], *, incremental: bool) -> None:
    """Bring the marts up to date inside the caller's transaction (an import's), so no page pays a rebuild.

    ``incremental`` (the marts matched the data before the import): only the terms and the people
    the batches changed are recomputed (sql/metrics/marts/increment.sql); else every mart is rebuilt.
    """
    with _LOCK:
        if incremental:
            con.execute("create or replace temp table mart_import_batches (batch_id integer)")
            con.executemany("insert into mart_import_batches values (?)", [(int(b),) for b in batch_ids])
            con.execute(read_sql("metrics/marts/dirty.sql"))
            con.execute(read_sql("metrics/marts/increment.sql"))
            check_numbers(con, "metrics/marts/shared_numbers_increment.sql")
            for name in (
                "mart_numbered_people_before",
                "mart_dirty_staff_rows",
                "mart_dirty_staff",
                "mart_dirty_people",
                "mart_dirty_terms",
                "mart_import_batches",
            ):
                con.execute(f"drop table {name}")  # names from this list only
        else:
            with insertion_order(con, preserve=False):
                con.execute(read_sql("metrics/marts/refresh.sql"))
            check_numbers(con)
        stamp, _ = con.execute(read_sql("metrics/marts/stamp.sql")).fetchone()
        con.execute("delete from mart_state")
        con.execute("insert into mart_state values ($stamp)", {"stamp": f"{_DEFINITIONS}:{stamp}"})


def check_numbers(cursor: duckdb.DuckDBPyConnection, query: str = "metrics/marts/shared_numbers.sql") -> None:
    """Refuse marts in which two keys share a hash number (they would be counted as one)."""
    (shared,) = cursor.execute(read_sql(query)).fetchone()
    if shared:
        raise AnalyticsError(
            f"{shared} people, courses or schools share an internal number, so counts would merge them; "
            "the summaries cannot be built: please report this"
        )


def ensure_fresh(con: duckdb.DuckDBPyConnection) -> bool:
    """Make the marts match the data; False when they cannot be (read-only warehouse), so use the views."""
    try:
        stamp, built_from = stamps(con)
    except duckdb.CatalogException:  # a read-only warehouse from before the marts existed
        return False
    if built_from == stamp:
        return True
    with _LOCK:
        if stamps(con)[1] == stamp:  # another thread rebuilt them while this one waited
            return True
        try:
            refresh(con, stamp)
        except (duckdb.InvalidInputException, duckdb.PermissionException, duckdb.CatalogException):
            return False
    return True
