"""A failure in the middle of a file, raised or SIGKILLed, leaves the warehouse exactly as before."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from analytics import warehouse
from analytics.ingest import ingest_files
from analytics.ingest import load as load_module

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
CATALOG = FIXTURES / "catalog.csv"
REPO = Path(__file__).resolve().parent.parent
TABLES = (
    "courses",
    "course_staff",
    "enrollments",
    "survey_responses",
    "schools",
    "people",
    "rejected_rows",
    "import_batches",
    "enrollments_history",
    "people_history",
)


def _snapshot(con) -> dict:
    return {t: con.execute(f"select * from {t} order by all").fetchall() for t in TABLES}


def _enrollments(tmp_path: Path, rows: int, status: str = "enrolled") -> Path:
    path = tmp_path / f"enr_{rows}_{status}.csv"
    lines = ["term,course_code,email,full_name,status"]
    lines += [f"Spring 2019,BEC-19S-01,p{i}@a.org,P {i},{status}" for i in range(rows)]
    lines.append("TBD,BEC-19S-01,x@a.org,X,enrolled")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_exception_inside_the_transaction_leaves_nothing(con, tmp_path, monkeypatch):
    ingest_files(con, [CATALOG, _enrollments(tmp_path, 5)])
    before = _snapshot(con)
    real = load_module.merge
    calls = []

    def failing(con_, table, present):
        calls.append(table)
        result = real(con_, table, present)  # enrollments written, then the failure
        if table == "people":
            raise RuntimeError("disk on fire")
        return result

    monkeypatch.setattr(load_module, "merge", failing)
    with pytest.raises(RuntimeError, match="disk on fire"):
        ingest_files(con, [_enrollments(tmp_path, 8, "completed")])
    assert calls == ["enrollments", "people"]
    assert _snapshot(con) == before
    monkeypatch.setattr(load_module, "merge", real)
    (result,) = ingest_files(con, [_enrollments(tmp_path, 8, "completed")])  # and the connection still works
    assert result.updated == 5 and result.inserted == 3


def _kill_after_the_people_merge(db: Path, files: list[Path]) -> None:
    """Run ``ingest_files(files)`` in a child process that pauses once the people merge has run (the
    command's rows written, not committed), and SIGKILL it there."""
    script = textwrap.dedent(
        f"""
        import time
        from analytics.ingest import load
        from analytics import warehouse
        from analytics.ingest import ingest_files
        real = load.merge
        def slow(con, table, present):
            result = real(con, table, present)
            if table == "people":
                print("inside", flush=True)
                time.sleep(60)
            return result
        load.merge = slow
        con = warehouse.connect({str(db)!r})
        ingest_files(con, {[str(f) for f in files]!r})
        """
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script], cwd=REPO, stdout=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(REPO)}
    )
    try:
        assert child.stdout.readline().strip() == b"inside"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL


@pytest.mark.kill
def test_sigkilled_command_leaves_every_file_of_it_unwritten(tmp_path):
    """One command is one transaction: killed after both files' rows are merged, neither file is kept."""
    db = tmp_path / "w.duckdb"
    con = warehouse.connect(db)
    ingest_files(con, [CATALOG])
    before = _snapshot(con)
    con.close()
    first, second = _enrollments(tmp_path, 20), _enrollments(tmp_path, 3000, "completed")
    _kill_after_the_people_merge(db, [first, second])  # both files' rows are written: one merge per table
    con = warehouse.connect(db)
    try:
        assert _snapshot(con) == before
        (result, other) = ingest_files(con, [first, second])  # and the command runs whole afterwards
        assert (result.loaded, other.loaded) == (20, 3000) and result.batch_id != other.batch_id
    finally:
        con.close()


@pytest.mark.kill
def test_sigkilled_import_leaves_the_warehouse_as_before(tmp_path):
    db = tmp_path / "w.duckdb"
    con = warehouse.connect(db)
    ingest_files(con, [CATALOG, _enrollments(tmp_path, 5)])
    before = _snapshot(con)
    con.close()
    big = _enrollments(tmp_path, 3000, "completed")
    _kill_after_the_people_merge(db, [big])  # inside the file's transaction, after its rows are written
    con = warehouse.connect(db)
    try:
        assert _snapshot(con) == before
    finally:
        con.close()
