"""The benchmark's weekly case and its release timing: the files it writes, and a stopped publish recorded."""

from __future__ import annotations

import csv
import subprocess

from test_ingest_bulk import CATALOG, _write

from analytics.bench import run as bench_run
from analytics.bench.increment import next_term, write_increment
from analytics.ingest import ingest_files


def test_next_term_follows_the_season_order():
    assert [next_term(t) for t in (20191, 20192, 20193, 20194)] == [20192, 20193, 20194, 20201]


def test_the_weekly_files_are_the_next_term_and_load_on_top(con, tmp_path):
    registrations = _write(
        tmp_path,
        "reg.csv",
        ["term,course_code,email,full_name"] + [f"Winter 2020,BEC-20W-01,p{i}@a.org,P {i}" for i in range(30)],
    )
    ingest_files(con, [CATALOG, registrations])
    catalog, weekly = write_increment(con, tmp_path / "weekly", rows=20)
    with weekly.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 20 and {r["term"] for r in rows} == {"Spring 2020"}
    results = ingest_files(con, [catalog, weekly])
    assert [(r.kind, r.loaded, r.rejected) for r in results] == [("courses", 1, 0), ("enrollments", 20, 0)]
    assert con.execute("select count(*) from enrollments where term_order = 20202").fetchone()[0] == 20


def test_a_publish_past_its_limit_is_recorded_as_not_done(tmp_path, monkeypatch):
    base = tmp_path / "base.duckdb"
    base.write_bytes(b"not read: the child is replaced")

    def too_slow(command, env=None, timeout=None):
        raise subprocess.TimeoutExpired(command, timeout)

    monkeypatch.setattr(bench_run, "_child_json", too_slow)
    figures = bench_run.time_publish(base, tmp_path, 5)
    assert figures["publish_s"] is None and figures["publish_error"] == "not done after 5 s (stopped)"
    assert not (tmp_path / "warehouse_release.duckdb").exists()
