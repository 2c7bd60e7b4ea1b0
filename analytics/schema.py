"""The warehouse's schema: numbered migrations for tables, re-created views on top.

Tables change only through migrations, ``analytics/sql/migrations/NNN_name.sql``,
applied once each, in number order, and recorded in ``schema_migrations``. Opening a
warehouse for writing applies every migration it lacks, all in one transaction, so an
upgrade either completes or leaves the file as it was. A warehouse written before
migrations were recorded holds exactly the tables of migration 1 (written with
``if not exists``), so it takes that migration as a no-op and is recorded at version 1.

Views and macros (``analytics/sql/staging/*.sql``) hold no data: the warehouse records a
fingerprint of their definitions (``schema_views``), and an open for writing creates or
replaces them whenever it differs from the code's (an open of an up-to-date warehouse
writes nothing); a read-only open of a warehouse holding other definitions upgrades it
first, like one that lacks a migration.

A warehouse recorded at a higher version than this code knows was written by a newer
release of the dashboard; it is refused with a message rather than read with a schema
the code does not understand.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from importlib import resources

import duckdb

from analytics.errors import AnalyticsError

SQL_DIR = resources.files("analytics") / "sql"
_MIGRATION_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations() -> tuple[Migration, ...]:
    """Every migration this code knows, in version order (numbers must run 1, 2, 3 ... without gaps)."""
    found = []
    for entry in (SQL_DIR / "migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), match.group(2), entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise AnalyticsError(f"migrations must be numbered 1..{len(found)} without gaps or repeats, found {versions}")
    return tuple(found)


def code_version() -> int:
    """The schema version this code writes."""
    return len(migrations())


def staging_sql() -> str:
    """Every view and macro definition, in file order (later files build on earlier ones)."""
    entries = sorted((e for e in (SQL_DIR / "staging").iterdir() if e.name.endswith(".sql")), key=lambda e: e.name)
    return "\n".join(entry.read_text(encoding="utf-8") for entry in entries)


def _has_table(cur: duckdb.DuckDBPyConnection, name: str) -> bool:
    row = cur.execute(
        "select count(*) from duckdb_tables() where table_name = $name and database_name = current_database()",
        {"name": name},
    ).fetchone()
    return bool(row[0])


def stored_version(con: duckdb.DuckDBPyConnection) -> int:
    """The version recorded in the warehouse: 0 for a new file, 1 for one from before migrations were recorded."""
    cur = con.cursor()
    try:
        if _has_table(cur, "schema_migrations"):
            return int(cur.execute("select coalesce(max(version), 0) from schema_migrations").fetchone()[0])
        return 1 if _has_table(cur, "import_batches") else 0
    finally:
        cur.close()


def check_version(con: duckdb.DuckDBPyConnection, location: str) -> int:
    """The stored version, refusing a warehouse newer than the code."""
    stored, known = stored_version(con), code_version()
    if stored > known:
        raise AnalyticsError(
            f"{location}: this warehouse was written by a newer version of the dashboard (schema {stored}; "
            f"this version knows up to {known}); update the dashboard's code to open it"
        )
    return stored


def needs_upgrade(con: duckdb.DuckDBPyConnection, location: str) -> bool:
    """True when the warehouse lacks migrations this code has, or holds views of other definitions
    (a newer one is refused)."""
    stored = check_version(con, location)
    return 0 < stored < code_version() or not _has_record(con) or (stored > 0 and _views_differ(con))


def staging_hash() -> str:
    """A fingerprint of every view and macro definition: the warehouse records the one it holds."""
    return hashlib.sha256(staging_sql().encode()).hexdigest()[:16]


def _views_differ(con: duckdb.DuckDBPyConnection) -> bool:
    cur = con.cursor()
    try:
        if not _has_table(cur, "schema_views"):
            return True
        row = cur.execute("select max(definitions) from schema_views").fetchone()
        return row[0] != staging_hash()
    finally:
        cur.close()


def _has_record(con: duckdb.DuckDBPyConnection) -> bool:
    cur = con.cursor()
    try:
        return _has_table(cur, "schema_migrations") or not _has_table(cur, "import_batches")
    finally:
        cur.close()


def upgrade(con: duckdb.DuckDBPyConnection, location: str = "the warehouse") -> list[int]:
    """Apply the migrations the warehouse lacks and re-create the views, in one transaction.

    Returns the versions applied (empty when the warehouse was up to date; ``[1]`` for a warehouse
    from before migrations were recorded, which gains only the record)."""
    stored = check_version(con, location)
    cur = con.cursor()
    try:
        try:
            current = stored == code_version() and _has_table(cur, "schema_migrations") and not _views_differ(con)
        except duckdb.Error:  # unreadable here: upgrade as before, and the reads after it say what is wrong
            current = False
        if current:
            return []  # up to date, views included: nothing to write (re-creating them costs about 0.15 s)
        # A warehouse from before migrations were recorded has no record: it takes migration 1 too,
        # as a no-op, so that its record starts at 1 like every other.
        recorded = stored if _has_table(cur, "schema_migrations") else 0
        pending = [m for m in migrations() if m.version > recorded]
        cur.execute("begin transaction")
        try:
            cur.execute(
                "create table if not exists schema_migrations ("
                " version integer primary key, name varchar not null,"
                " applied_at timestamp not null default current_timestamp)"
            )
            applied = []
            for migration in pending:
                cur.execute(migration.sql)
                cur.execute(
                    "insert or ignore into schema_migrations (version, name) values ($v, $n)",
                    {"v": migration.version, "n": migration.name},
                )
                applied.append(migration.version)
            cur.execute(staging_sql())
            cur.execute("create table if not exists schema_views (definitions varchar not null)")
            cur.execute("delete from schema_views")
            cur.execute("insert into schema_views values ($h)", {"h": staging_hash()})
            cur.execute("commit")
        except BaseException as exc:
            cur.execute("rollback")
            if isinstance(exc, duckdb.Error):
                raise AnalyticsError(
                    f"{location}: upgrading the warehouse failed and was rolled back, nothing changed "
                    f"({str(exc).splitlines()[0]})"
                ) from exc
            raise
    finally:
        cur.close()
    return applied
