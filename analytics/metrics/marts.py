"""The metric marts: materialised copies of the staging views, rebuilt when the data changes.

Deriving every person's first term and sector in each term takes a few hundred
milliseconds at a million enrollments; every metric query needs them. So the
views of ``040_metric_views.sql`` (``stg_*``) are copied into tables (``mart_*``)
once per change of the data, and the metric queries read the tables. A change
is seen through a cheap stamp (batches, undos and row counts), so an import, an
undo, or rows written directly all rebuild the marts before the next query.

On a read-only warehouse whose marts are missing or stale, the queries read the
views instead: slower, never wrong.
"""

from __future__ import annotations

import hashlib
import threading

import duckdb

from analytics.warehouse import read_sql

MART_PREFIX = "mart_"
VIEW_PREFIX = "stg_"
# The names the metric queries may read through the mart prefix (an allow-list for the fallback).
MART_NAMES = (
    "terms",
    "participant_terms",
    "enrollment_facts",
    "course_staff",
    "survey_responses",
    "enrollment_status",
)

# One rebuild at a time per process: dashboard sessions are threads sharing one connection.
_LOCK = threading.Lock()
# A change to the views' definitions must rebuild marts built by the old definitions.
_DEFINITIONS = hashlib.sha256(
    (read_sql("schema/040_metric_views.sql") + read_sql("metrics/marts/refresh.sql")).encode()
).hexdigest()[:12]


def current_stamp(con: duckdb.DuckDBPyConnection) -> str:
    """What the data looks like now (changes with every import, undo, or row written)."""
    cursor = con.cursor()
    try:
        (stamp,) = cursor.execute(read_sql("metrics/marts/stamp.sql")).fetchone()
    finally:
        cursor.close()
    return f"{_DEFINITIONS}:{stamp}"


def built_stamp(con: duckdb.DuckDBPyConnection) -> str | None:
    """The stamp the marts were built from, or None when they were never built."""
    cursor = con.cursor()
    try:
        exists = cursor.execute(
            "select count(*) from duckdb_tables() where table_name = 'mart_state' and not temporary"
        ).fetchone()[0]
        if not exists:
            return None
        row = cursor.execute("select stamp from mart_state").fetchone()
    finally:
        cursor.close()
    return row[0] if row else None


def refresh(con: duckdb.DuckDBPyConnection, stamp: str | None = None) -> None:
    """Rebuild every mart from the views in one transaction (readers keep the old copy until commit)."""
    stamp = stamp or current_stamp(con)
    cursor = con.cursor()
    try:
        cursor.execute("begin transaction")
        try:
            cursor.execute(read_sql("metrics/marts/refresh.sql"))
            cursor.execute("create or replace table mart_state as select $stamp::varchar as stamp", {"stamp": stamp})
            cursor.execute("commit")
        except BaseException:
            cursor.execute("rollback")
            raise
    finally:
        cursor.close()


def ensure_fresh(con: duckdb.DuckDBPyConnection) -> bool:
    """Make the marts match the data; False when they cannot be (read-only warehouse), so use the views."""
    stamp = current_stamp(con)
    if built_stamp(con) == stamp:
        return True
    with _LOCK:
        if built_stamp(con) == stamp:  # another thread rebuilt them while this one waited
            return True
        try:
            refresh(con, stamp)
        except (duckdb.InvalidInputException, duckdb.PermissionException, duckdb.CatalogException):
            return False
    return True


def read_from_views(sql: str) -> str:
    """A metric query rewritten to read the staging views (same columns) instead of the marts."""
    for name in MART_NAMES:
        sql = sql.replace(MART_PREFIX + name, VIEW_PREFIX + name)
    return sql
