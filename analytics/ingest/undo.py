"""Import history: listing batches and their rejected rows, and undoing a batch exactly.

Undo of batch B, in one transaction: every row whose current version B wrote
is removed, and every prior version B overwrote (kept in ``<table>_history``)
is put back. One exception keeps the warehouse whole: a person B added who is
still named by a later batch's rows stays, now owned by that batch. That is exact only while no later batch still in effect has
changed B's rows or refers to B's courses; then undo refuses and names the
batch to undo first.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from analytics.errors import AnalyticsError
from analytics.ingest.upsert import TABLES
from analytics.warehouse import read_sql


def list_batches(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every load, newest first: batch_id, file_name, sheet, kind, counts, imported_at, undone_at."""
    return con.execute(
        "select batch_id, file_name, sheet, kind, rows_read, loaded, rejected, inserted, updated, unchanged, "
        "imported_at, undone_at from import_batches order by batch_id desc"
    ).df()


def rejected_rows(con: duckdb.DuckDBPyConnection, batch_id: int | None = None) -> pd.DataFrame:
    """Rejected rows of one batch, or of every batch still in effect: file, line, column, reason, raw row."""
    return con.execute(
        "select r.batch_id, r.file_name, r.line_no, r.column_name, r.reason, r.raw_row "
        "from rejected_rows as r join import_batches as b on b.batch_id = r.batch_id "
        "where ($batch::integer is null and b.undone_at is null) or r.batch_id = $batch::integer "
        "order by r.batch_id, r.line_no",
        {"batch": batch_id},
    ).df()


def _blockers(con: duckdb.DuckDBPyConnection, batch_id: int) -> list[tuple[int, str, str]]:
    """(later batch, its file, what it did) for each later batch in effect that depends on this one."""
    found = []
    for table in TABLES:
        # table names come from TABLES, never from a user
        rows = con.execute(
            f"select distinct h.changed_by_batch, b.file_name from {table}_history as h "  # noqa: S608
            "join import_batches as b on b.batch_id = h.changed_by_batch "
            "where h.batch_id = $b and b.undone_at is null",
            {"b": batch_id},
        ).fetchall()
        found += [(later, name, f"changed {table} rows it loaded") for later, name in rows]
    for table in ("enrollments", "survey_responses", "course_staff"):
        rows = con.execute(
            f"select distinct x.batch_id, b.file_name from {table} as x "  # noqa: S608
            "join courses as c on c.course_id = x.course_id join import_batches as b on b.batch_id = x.batch_id "
            "where c.batch_id = $b and x.batch_id <> $b "
            "and not exists (select 1 from courses_history as h where h.course_id = c.course_id)",
            {"b": batch_id},
        ).fetchall()
        found += [(later, name, f"has {table} of courses it added") for later, name in rows]
    return sorted(set(found))


def undo_batch(con: duckdb.DuckDBPyConnection, batch_id: int) -> dict:
    """Reverse one batch exactly; returns {batch_id, file_name, removed, restored} (row counts per table).

    Raises AnalyticsError for an unknown or already undone batch, or when a
    later batch still in effect depends on it (undo that one first).
    """
    row = con.execute(
        "select file_name, undone_at from import_batches where batch_id = $b", {"b": int(batch_id)}
    ).fetchone()
    if row is None:
        raise AnalyticsError(f"no import batch {batch_id} (python -m analytics imports lists them)")
    file_name, undone_at = row
    if undone_at is not None:
        raise AnalyticsError(f"batch {batch_id} ({file_name}) was already undone at {undone_at:%Y-%m-%d %H:%M}")
    blockers = _blockers(con, int(batch_id))
    if blockers:
        later, name, what = blockers[0]
        raise AnalyticsError(
            f"cannot undo batch {batch_id} ({file_name}): later batch {later} ({name}) {what}; undo batch {later} first"
        )
    removed, restored = {}, {}
    con.begin()
    try:
        # people last: whether a person the batch added is still named elsewhere is known only then
        for table in sorted(TABLES, key=lambda t: t == "people"):
            if table == "people":
                _keep_people_still_named(con, int(batch_id))
            # table names come from TABLES; the batch id is a bound parameter
            removed[table] = con.execute(f"delete from {table} where batch_id = $b", {"b": int(batch_id)}).fetchone()[0]  # noqa: S608
            columns = ", ".join(_columns(con, table))
            restored[table] = con.execute(
                f"insert into {table} ({columns}) select {columns} from {table}_history "  # noqa: S608
                "where changed_by_batch = $b",
                {"b": int(batch_id)},
            ).fetchone()[0]
            con.execute(f"delete from {table}_history where changed_by_batch = $b", {"b": int(batch_id)})  # noqa: S608
        con.execute("delete from rejected_rows where batch_id = $b", {"b": int(batch_id)})
        con.execute("delete from import_warnings where batch_id = $b", {"b": int(batch_id)})
        con.execute("update import_batches set undone_at = current_timestamp where batch_id = $b", {"b": int(batch_id)})
        con.commit()
    except Exception:
        con.rollback()
        raise
    return {"batch_id": int(batch_id), "file_name": file_name, "removed": removed, "restored": restored}


def _keep_people_still_named(con: duckdb.DuckDBPyConnection, batch_id: int) -> None:
    """A person this batch added who is still enrolled, leading or answering through another batch stays.

    They pass to the latest batch that names them, so undoing that one later removes them in turn.
    """
    con.execute(read_sql("ingest/people_still_named.sql"), {"b": batch_id})


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [
        r[0]
        for r in con.execute(
            "select column_name from information_schema.columns where table_name = $t and table_schema = 'main' "
            "order by ordinal_position",
            {"t": table},
        ).fetchall()
    ]
