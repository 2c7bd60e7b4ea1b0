"""The import's memory budget (analytics/ingest/budget.py): DuckDB's limit for one command, put back after."""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics import cli, ingest, warehouse
from analytics.ingest import budget
from analytics.ingest.run import Command

GIB = 1 << 30
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"
SAMPLE_FILES = sorted([*SAMPLE.glob("*.csv"), *SAMPLE.glob("*.xlsx")])


def limit(con) -> int:
    return budget.size_bytes(con.execute("select current_setting('memory_limit')").fetchone()[0])


@pytest.mark.parametrize(
    ("text", "size"),
    [("18.7 GiB", int(18.7 * GIB)), ("6GB", 6 * 10**9), ("1500MiB", 1500 << 20), ("512 KiB", 512 << 10), ("7", 7)],
)
def test_sizes_read_as_duckdb_writes_them(text, size):
    assert budget.size_bytes(text) == size


@pytest.mark.parametrize("text", ["", "GB", "6 parsecs", "-1GB", "1e9"])
def test_what_is_not_a_size_is_none(text):
    assert budget.size_bytes(text) is None


def test_the_budget_is_twice_what_is_read_and_at_least_one_gib(tmp_path):
    small = tmp_path / "small.csv"
    small.write_bytes(b"x" * 1000)
    assert budget.budget_bytes([small]) == budget.MIN_BYTES
    big = tmp_path / "big.csv"
    with big.open("wb") as out:  # sparse: no real gigabyte written
        out.truncate(GIB)
    assert budget.budget_bytes([small, big]) == 2 * (GIB + 1000)


def test_an_import_runs_under_its_budget_and_puts_the_limit_back(con, monkeypatch):
    con.execute("set memory_limit = '20GB'")
    seen = []
    real = Command.run

    def run(self, tables, *, dry_run):
        seen.append(limit(self.con))
        return real(self, tables, dry_run=dry_run)

    monkeypatch.setattr(Command, "run", run)
    ingest.ingest_files(con, SAMPLE_FILES)
    assert seen == [budget.MIN_BYTES]  # the sample is far under half a GiB
    assert limit(con) == pytest.approx(20 * 10**9, rel=0.05)  # DuckDB shows a limit to a tenth of a GiB


def test_a_lower_limit_is_kept_and_an_explicit_one_is_used(con, monkeypatch):
    seen = []
    real = Command.run
    monkeypatch.setattr(
        Command, "run", lambda self, t, *, dry_run: seen.append(limit(self.con)) or real(self, t, dry_run=dry_run)
    )
    con.execute("set memory_limit = '600MB'")
    ingest.ingest_files(con, SAMPLE_FILES[:1])
    ingest.ingest_files(con, SAMPLE_FILES[1:2], memory_limit="3GB")
    assert seen[0] == pytest.approx(600 * 10**6, rel=0.05)
    assert seen[1] == pytest.approx(3 * 10**9, rel=0.05)
    assert limit(con) == pytest.approx(600 * 10**6, rel=0.05)  # put back after the explicit one too


def test_the_limit_is_put_back_when_the_import_fails(con, monkeypatch):
    con.execute("set memory_limit = '20GB'")

    def fail(self, tables, *, dry_run):
        raise RuntimeError("a failure mid-way")

    monkeypatch.setattr(Command, "run", fail)
    with pytest.raises(RuntimeError):
        ingest.ingest_files(con, SAMPLE_FILES[:1])
    assert limit(con) == pytest.approx(20 * 10**9, rel=0.05)


def test_the_dashboard_s_locked_connection_imports_under_its_own_limit(db_path):
    warehouse.connect(db_path).close()
    con = warehouse.connect_for_queries(db_path)
    try:
        before = limit(con)
        results = ingest.ingest_files(con, SAMPLE_FILES[:1])
        assert results and results[0].loaded > 0
        assert limit(con) == before
    finally:
        con.close()


def test_the_command_line_refuses_a_limit_that_is_not_a_size(db_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        cli.main(["ingest", "--db", str(db_path), "--memory-limit", "plenty", str(SAMPLE_FILES[0])])
    assert stopped.value.code == 2
    assert "not a size such as 6GB" in capsys.readouterr().err


def test_the_command_line_imports_under_a_given_limit(db_path, capsys):
    assert cli.main(["ingest", "--db", str(db_path), "--memory-limit", "2GB", *map(str, SAMPLE_FILES)]) == 0
    with warehouse.connect(db_path) as con:
        assert con.execute("select count(*) from enrollments").fetchone()[0] > 0
