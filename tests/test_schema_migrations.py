"""Warehouses survive an upgrade: numbered migrations, a recorded version, one transaction.

The fixture warehouse was written by the code at commit be3e96c (see
tests/fixtures/warehouses/README.md); opened with today's code it must answer every table
exactly like a fresh import of the same files.
"""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from analytics import schema, warehouse
from analytics.errors import AnalyticsError
from analytics.filters import Filters
from analytics.ingest import ingest_files
from analytics.metrics import TABLES, compute

FIXTURES = Path(__file__).parent / "fixtures"
EXPORTS = FIXTURES / "acceptance" / "exports"
FINAL = "enrollments_spring_2020_final.csv"
CANONICAL = ("schools", "people", "courses", "course_staff", "enrollments", "survey_responses", "rejected_rows")
HISTORY = tuple(f"{name}_history" for name in CANONICAL[:-1])


@pytest.fixture
def old_warehouse(tmp_path) -> Path:
    target = tmp_path / "old.duckdb"
    with gzip.open(FIXTURES / "warehouses" / "warehouse_be3e96c.duckdb.gz") as src, target.open("wb") as out:
        shutil.copyfileobj(src, out)
    return target


@pytest.fixture
def fresh_warehouse(tmp_path) -> duckdb.DuckDBPyConnection:
    identity = tmp_path / "no_overrides.csv"
    identity.write_text("email,same_as_email\n", encoding="utf-8")
    con = warehouse.connect(tmp_path / "fresh.duckdb")
    first = sorted(p for p in EXPORTS.glob("*.csv") if p.name != FINAL)
    ingest_files(con, first, identity_file=identity)
    ingest_files(con, [EXPORTS / FINAL], identity_file=identity)
    yield con
    con.close()


def _rows(con: duckdb.DuckDBPyConnection, table: str) -> pd.DataFrame:
    frame = con.execute(f"select * from {table}").df()  # table names from the fixed tuples above
    return frame.sort_values(list(frame.columns)).reset_index(drop=True).astype(str)


def test_warehouse_from_before_migrations_is_recorded_at_version_1_then_upgraded(old_warehouse):
    raw = duckdb.connect(str(old_warehouse), read_only=True)
    assert schema.stored_version(raw) == 1
    assert not raw.execute("select count(*) from duckdb_tables() where table_name = 'schema_migrations'").fetchone()[0]
    raw.close()
    con = warehouse.connect(old_warehouse)
    recorded = con.execute("select version, name from schema_migrations order by version").fetchall()
    assert [v for v, _ in recorded] == list(range(1, schema.code_version() + 1))
    assert schema.stored_version(con) == schema.code_version()
    con.close()


def test_old_warehouse_answers_every_table_like_a_fresh_import(old_warehouse, fresh_warehouse):
    old = warehouse.connect(old_warehouse)
    try:
        for name in CANONICAL + HISTORY:
            pd.testing.assert_frame_equal(_rows(old, name), _rows(fresh_warehouse, name), obj=name)
        batches = "select batch_id, file_name, content_hash, kind, rows_read, loaded, rejected from import_batches"
        assert old.execute(batches).fetchall() == fresh_warehouse.execute(batches).fetchall()
        checked = 0
        for name in TABLES:
            for filters in (Filters(), Filters.parse(sectors=["charter"]), Filters.parse(categories=["other"])):
                got, want = compute(old, name, filters), compute(fresh_warehouse, name, filters)
                pd.testing.assert_frame_equal(got, want, obj=f"{name} {filters}")
                checked += len(want)
        assert checked > 100  # the acceptance set fills every table
    finally:
        old.close()


def test_upgrade_twice_changes_nothing(tmp_path):
    path = tmp_path / "w.duckdb"
    warehouse.connect(path).close()
    con = warehouse.connect(path)
    assert schema.upgrade(con) == []
    con.close()


def test_views_are_recreated_only_when_their_recorded_definitions_differ(tmp_path):
    path = tmp_path / "w.duckdb"
    warehouse.connect(path).close()
    con = warehouse.connect(path)
    con.execute("drop view stg_terms")  # by hand, with the record still saying the views are current
    con.close()
    con = warehouse.connect(path)  # up to date: nothing is written on opening
    assert con.execute("select count(*) from duckdb_views() where view_name = 'stg_terms'").fetchone()[0] == 0
    con.execute("update schema_views set definitions = 'older'")  # what an older version of the views records
    con.close()
    con = warehouse.connect(path)
    assert con.execute("select count(*) from duckdb_views() where view_name = 'stg_terms'").fetchone()[0] == 1
    assert con.execute("select definitions from schema_views").fetchall() == [(schema.staging_hash(),)]
    con.close()


def test_warehouse_newer_than_the_code_is_refused_with_a_message(tmp_path):
    path = tmp_path / "w.duckdb"
    con = warehouse.connect(path)
    con.execute("insert into schema_migrations (version, name) values (999, 'from_the_future')")
    con.close()
    for read_only in (False, True):
        with pytest.raises(AnalyticsError, match=r"newer version of the dashboard \(schema 999"):
            warehouse.connect(path, read_only=read_only)


def test_read_only_open_of_an_outdated_warehouse_upgrades_it_first(old_warehouse, monkeypatch):
    known = schema.migrations()
    extra = schema.Migration(len(known) + 1, "later_table", "create table later_table (x integer);")
    monkeypatch.setattr(schema, "migrations", lambda: (*known, extra))
    con = warehouse.connect(old_warehouse, read_only=True)
    try:
        assert schema.stored_version(con) == len(known) + 1
        assert con.execute("select count(*) from later_table").fetchone()[0] == 0
    finally:
        con.close()


def test_read_only_open_of_an_outdated_warehouse_in_use_says_so(old_warehouse):
    # Another process reading the old file keeps it from being upgraded: a message, never a traceback.
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, str(old_warehouse)], stdout=subprocess.PIPE, stdin=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(AnalyticsError, match="in use by another process"):
            warehouse.connect(old_warehouse, read_only=True)
    finally:
        holder.communicate("", timeout=30)


HOLD_OPEN = (
    "import duckdb, sys; c = duckdb.connect(sys.argv[1], read_only=True); print('open', flush=True); sys.stdin.read()"
)


def test_a_failing_migration_rolls_back_the_whole_upgrade(old_warehouse, monkeypatch):
    known = schema.migrations()
    good = schema.Migration(len(known) + 1, "good", "create table upgrade_probe (x integer);")
    bad = schema.Migration(len(known) + 2, "bad", "alter table no_such_table add column y integer;")
    monkeypatch.setattr(schema, "migrations", lambda: (*known, good, bad))
    with pytest.raises(AnalyticsError, match="rolled back, nothing changed"):
        warehouse.connect(old_warehouse)
    raw = duckdb.connect(str(old_warehouse), read_only=True)
    tables = {name for (name,) in raw.execute("select table_name from duckdb_tables()").fetchall()}
    raw.close()
    assert "upgrade_probe" not in tables and "schema_migrations" not in tables


def test_migration_files_are_numbered_without_gaps():
    versions = [m.version for m in schema.migrations()]
    assert versions == list(range(1, len(versions) + 1))
    assert all(m.sql.strip() for m in schema.migrations())


def test_dashboard_says_plainly_that_a_newer_warehouse_cannot_be_opened(tmp_path, monkeypatch):
    from app_support import run_app

    path = tmp_path / "newer.duckdb"
    con = warehouse.connect(path)
    con.execute("insert into schema_migrations (version, name) values (999, 'from_the_future')")
    con.close()
    monkeypatch.setenv("ANALYTICS_DB", str(path))
    at = run_app()
    shown = [str(e.value) for e in at.error]
    assert not at.exception
    assert any("newer version of the dashboard" in text for text in shown), shown


def test_read_only_open_recreates_views_whose_definitions_changed(tmp_path, monkeypatch):
    path = tmp_path / "w.duckdb"
    warehouse.connect(path).close()
    changed = schema.staging_sql() + "\ncreate or replace macro added_since(x) as x + 1;\n"
    monkeypatch.setattr(schema, "staging_sql", lambda: changed)
    con = warehouse.connect(path, read_only=True)
    try:
        assert con.execute("select added_since(1)").fetchone()[0] == 2
    finally:
        con.close()
