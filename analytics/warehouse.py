"""The warehouse: one DuckDB file that holds everything the dashboard shows.

Where it lives: ``--db PATH`` on the command line, else the ``ANALYTICS_DB``
environment variable, else ``data/warehouse.duckdb`` in the repository.
Opening it for writing brings its schema up to date (``analytics.schema``: numbered
migrations for tables, views re-created on top); a read-only open checks the version.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from importlib import resources
from pathlib import Path

import duckdb

from analytics import schema
from analytics.errors import AnalyticsError

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = REPO_ROOT / "data" / "warehouse.duckdb"
SQL_DIR = resources.files("analytics") / "sql"


def db_path(explicit: str | os.PathLike | None = None) -> str:
    """The warehouse location chosen by argument, environment, or default.

    In a replica of ``make serve`` (``ANALYTICS_SERVE=1``) that is the read-only snapshot this page run
    pinned (analytics.serve.replica), never the writer's file."""
    if explicit:
        return str(explicit)
    location = os.environ.get("ANALYTICS_DB") or str(DEFAULT_DB)
    from analytics.serve import replica  # late: analytics.serve builds on this module

    return replica.snapshot_for_this_run(location) if replica.serving() else location  # make serve: the run's snapshot


def read_sql(relative: str) -> str:
    """Text of a query file under analytics/sql, e.g. ``read_sql("metrics/x.sql")``."""
    return (SQL_DIR / relative).read_text(encoding="utf-8")


def connect(path: str | os.PathLike | None = None, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (and create or upgrade, unless read-only) the warehouse.

    Errors a user can act on (locked by another process, not a DuckDB file)
    become an AnalyticsError that names the file and what to do.
    """
    location = db_path(path)
    if location != ":memory:" and not location.startswith(("md:", "s3:")):
        Path(location).parent.mkdir(parents=True, exist_ok=True)
        if read_only and not Path(location).exists():
            raise AnalyticsError(
                f"{location}: no warehouse here yet; import exports first (python -m analytics ingest FILE...)"
            )
    if not read_only and _is_snapshot(location):  # replicas may be reading it: never written once named
        raise AnalyticsError(f"{location}: a snapshot is read-only; write to the warehouse it was copied from")
    con = _open(location, read_only)
    try:
        if not read_only:
            schema.upgrade(con, location)
        elif schema.needs_upgrade(con, location) and _is_snapshot(location):
            raise AnalyticsError(
                f"{location}: this snapshot was written by another version of the dashboard; restart make serve"
            )
        elif schema.needs_upgrade(con, location):
            # An older warehouse read by a newer version: upgrade it once (briefly for writing), then read.
            con.close()
            writer = _open(location, read_only=False)
            try:
                schema.upgrade(writer, location)
            finally:
                writer.close()
            con = _open(location, read_only=True)
    except AnalyticsError:
        con.close()
        raise
    return con


def _open(location: str, read_only: bool) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection, with the errors a user can act on turned into messages naming the file."""
    try:
        return duckdb.connect(location, read_only=read_only)
    except duckdb.IOException as exc:
        text = str(exc)
        if "lock" in text.lower():
            raise AnalyticsError(
                f"{location}: the warehouse is in use by another process (an import or the dashboard); "
                "wait for it to finish, or stop it, and try again"
            ) from exc
        raise AnalyticsError(
            f"{location}: cannot open the warehouse ({text.splitlines()[0]}); if the file is damaged, "
            "move it aside and rebuild it by importing the exports again"
        ) from exc
    except duckdb.Error as exc:
        raise AnalyticsError(
            f"{location}: not a readable warehouse ({str(exc).splitlines()[0]}); move it aside and "
            "rebuild it by importing the exports again"
        ) from exc


def lock_down(con: duckdb.DuckDBPyConnection) -> None:
    """Forbid every file and network access through this DuckDB instance, for good, and lock its settings.

    The settings are the instance's, so they hold for every connection and cursor
    of the process that share it (DuckDB keeps one instance per file per process).
    The database file itself stays readable and writable: imports, undo and the
    metric marts keep working, and the importer parses files in Python when
    DuckDB may not scan them. Calling it again is harmless.
    """
    cur = con.cursor()
    try:
        locked = cur.execute("select current_setting('lock_configuration')").fetchone()[0]
        if not locked:
            cur.execute("set enable_external_access = false")
            cur.execute("set autoinstall_known_extensions = false")
            cur.execute("set autoload_known_extensions = false")
            cur.execute("set lock_configuration = true")
        elif cur.execute("select current_setting('enable_external_access')").fetchone()[0]:
            raise AnalyticsError("the warehouse connection was locked with file access still on; restart the dashboard")
    finally:
        cur.close()


def verify(con: duckdb.DuckDBPyConnection, location: str = "the warehouse") -> None:
    """Read every stored row once, so a damaged (e.g. truncated) file fails here with advice, not mid-page.

    DuckDB opens a damaged file without complaint and fails only when a query
    reaches a missing block; a long-running process checks once when it starts.
    """
    cur = con.cursor()
    try:
        names = [
            name
            for (name,) in cur.execute(
                "select table_name from duckdb_tables() where not temporary and database_name = current_database()"
            ).fetchall()
        ]
        for name in names:
            # names come from DuckDB's own catalog, quoted; no user value reaches this text
            cur.execute(f'select count(*), max(hash(t)) from "{name}" as t').fetchall()  # noqa: S608
    except duckdb.Error as exc:
        raise AnalyticsError(
            f"{location}: the warehouse file is damaged ({str(exc).splitlines()[0]}); move it aside and "
            "rebuild it by importing the exports again"
        ) from exc
    finally:
        cur.close()


def connect_for_queries(path: str | os.PathLike | None = None) -> duckdb.DuckDBPyConnection:
    """The dashboard's connection: opened (and upgraded) once, checked (``verify``), then locked (``lock_down``)."""
    location = db_path(path)
    con = connect(location, read_only=_is_snapshot(location))
    try:
        verify(con, location)
    except AnalyticsError:
        con.close()
        raise
    lock_down(con)
    return con


def _is_snapshot(location: str) -> bool:
    """A file under ``DB.snapshots/`` (analytics.serve.snapshots): only ever opened read-only."""
    return Path(location).parent.name.endswith(".snapshots")


def as_of(con: duckdb.DuckDBPyConnection) -> datetime | None:
    """Time of the latest load still in effect: the data's as-of time."""
    row = con.execute("select max(imported_at) from import_batches where undone_at is null").fetchone()
    return row[0] if row else None


def data_version(con: duckdb.DuckDBPyConnection) -> str:
    """A stamp that changes whenever an import or an undo changes the data (cache key)."""
    row = con.execute(
        "select count(*), coalesce(max(batch_id), 0), count(undone_at), max(undone_at) from import_batches"
    ).fetchone()
    return ":".join(str(v) for v in row)


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows in each canonical table, for summaries and the as-of stamp."""
    names = ("courses", "course_staff", "enrollments", "survey_responses", "schools", "people", "rejected_rows")
    # names come from the fixed tuple above, never from a user
    return {name: con.execute(f"select count(*) from {name}").fetchone()[0] for name in names}  # noqa: S608


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor of ``con`` in a transaction of its own: committed when the block ends, rolled back
    (and the error raised again) when it fails, so what it writes lands whole or not at all."""
    cursor = con.cursor()
    try:
        cursor.execute("begin transaction")
        try:
            yield cursor
            cursor.execute("commit")
        except BaseException:
            cursor.execute("rollback")
            raise
    finally:
        cursor.close()


@contextmanager
def insertion_order(con: duckdb.DuckDBPyConnection, preserve: bool) -> Iterator[None]:
    """DuckDB's ``preserve_insertion_order`` set to ``preserve`` for the block, the setting before put back.

    Unordered, DuckDB writes a table's rows from both cores at once and holds less of them while it
    does: every query of the marts and of the importer's own tables orders or groups what it reads,
    so nothing depends on the order rows were written in, except the staged scan of a CSV file,
    whose row ids are its line numbers (``analytics/ingest/stage.py`` asks for order there).
    A connection whose configuration is locked (``connect_for_queries``) keeps its setting, ordered
    as DuckDB's default is.
    """
    before, locked = con.execute(
        "select current_setting('preserve_insertion_order'), current_setting('lock_configuration')"
    ).fetchone()
    if locked or bool(before) == preserve:
        yield
        return
    restore = f"set preserve_insertion_order = {'true' if before else 'false'}"
    con.execute(f"set preserve_insertion_order = {'true' if preserve else 'false'}")
    try:
        yield
    except BaseException:
        # inside a transaction an error aborted, DuckDB refuses even this until the caller rolls back:
        # the error that matters is the one raised, not this one
        with suppress(duckdb.Error):
            con.execute(restore)
        raise
    con.execute(restore)
