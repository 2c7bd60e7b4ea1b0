"""Faults: imports killed at random points, damaged and locked warehouse files.

Each kill is a real ``SIGKILL`` of a real ``python -m analytics ingest`` process
at a random moment (seeded, so a failure can be replayed) between its start and
its measured end; afterwards the warehouse must open and hold exactly the state
before the import or the state after it, never a mix.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from builders import registrations_export
from security_support import ROOT, acceptance_files, canonical_rows, loaded_warehouse

from analytics import warehouse
from analytics.errors import AnalyticsError

KILLS = 20
SEED = 20260


def _big_enrollments(folder: Path, rows: int = 60_000) -> Path:
    return registrations_export(folder / "enrollments_fault.csv", rows)


def _ingest_command(db: Path, files: list[Path]) -> list[str]:
    return [sys.executable, "-m", "analytics", "ingest", "--db", str(db), *map(str, files)]


def _state(db: Path) -> dict:
    con = warehouse.connect(db)
    try:
        return canonical_rows(con)
    finally:
        con.close()


@pytest.mark.slow
@pytest.mark.kill
def test_import_killed_at_random_points_leaves_before_or_after(acceptance_db, tmp_path, capsys):
    base = acceptance_db  # the state before the import
    big = _big_enrollments(tmp_path)
    before = _state(base)

    complete = tmp_path / "after.duckdb"
    shutil.copy(base, complete)
    started = time.monotonic()
    subprocess.run(_ingest_command(complete, [big]), cwd=ROOT, check=True, capture_output=True, timeout=300)
    duration = time.monotonic() - started
    after = _state(complete)
    assert after != before

    # Kill between the end of Python's start-up (nothing written yet) and the end of the import.
    started = time.monotonic()
    subprocess.run([sys.executable, "-c", "import analytics.cli, analytics.ingest"], cwd=ROOT, check=True, timeout=120)
    startup = time.monotonic() - started
    rng = random.Random(SEED)
    outcomes = {"before": 0, "after": 0}
    for attempt in range(KILLS):
        db = tmp_path / f"kill{attempt}.duckdb"
        shutil.copy(base, db)
        delay = rng.uniform(startup * 0.9, duration)
        proc = subprocess.Popen(
            _ingest_command(db, [big]), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        state = _state(db)  # opens (replaying or discarding the write-ahead log) or the test fails here
        assert state in (before, after), f"kill {attempt} at {delay:.2f}s left a state that is neither"
        outcomes["before" if state == before else "after"] += 1
        for leftover in tmp_path.glob(f"kill{attempt}.duckdb*"):
            leftover.unlink()
    assert sum(outcomes.values()) == KILLS
    with capsys.disabled():
        print(
            f"\n[faults] {KILLS} imports SIGKILLed at random points from {startup:.1f}s (start-up) to {duration:.1f}s: "
            f"{outcomes['before']} left the before state, {outcomes['after']} the after state, 0 damaged"
        )


def test_garbage_file_gives_a_clear_message_and_recovery_hint(tmp_path):
    damaged = tmp_path / "warehouse.duckdb"
    damaged.write_bytes(os.urandom(64 * 1024))
    with pytest.raises(AnalyticsError) as raised:
        warehouse.connect(damaged)
    message = str(raised.value)
    assert str(damaged) in message and "move it aside" in message and "import" in message


def test_truncated_warehouse_gives_a_clear_message(tmp_path):
    db = tmp_path / "warehouse.duckdb"
    loaded_warehouse(db).close()
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 3])
    with pytest.raises(AnalyticsError) as raised:
        warehouse.connect_for_queries(db)  # what the dashboard opens: checked before the first page
    assert str(db) in str(raised.value) and "damaged" in str(raised.value) and "move it aside" in str(raised.value)


def test_damaged_file_through_the_command_line_exits_2_with_one_line(tmp_path):
    damaged = tmp_path / "warehouse.duckdb"
    damaged.write_bytes(b"not a database at all\n" * 1000)
    done = subprocess.run(
        _ingest_command(damaged, acceptance_files()[:1]), cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2
    assert done.stderr.startswith("error: ") and "move it aside" in done.stderr
    assert "Traceback" not in done.stderr


HOLDER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
con.execute("select 1").fetchall()
print("holding", flush=True)
time.sleep(120)
"""


def test_a_second_process_gets_a_clear_in_use_message_not_a_damaged_file(tmp_path):
    db = tmp_path / "warehouse.duckdb"
    loaded_warehouse(db).close()
    before = _state(db)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(AnalyticsError) as raised:
            warehouse.connect(db)
        assert "in use by another process" in str(raised.value) and "try again" in str(raised.value)
        with pytest.raises(AnalyticsError, match="in use"):
            warehouse.connect(db, read_only=True)
        done = subprocess.run(
            _ingest_command(db, [_big_enrollments(tmp_path, 50)]), cwd=ROOT, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 2 and "in use by another process" in done.stderr
    finally:
        holder.kill()
        holder.wait(timeout=30)
    assert _state(db) == before  # the refused import wrote nothing
