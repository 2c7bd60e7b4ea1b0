"""The weekly import's shortcuts keep the guarantees of docs/DATA.md.

A weekly registration export (a few thousand rows, 100 kB to 1 MB) is scanned by DuckDB
rather than parsed in Python, and a small merge compares its rows with the stored ones
at once. A scanned file whose rows and lines differ (a quoted line break) must still be
parsed line-exact, and the merge must give the same tables whichever path it takes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics import warehouse
from analytics.ingest import ingest_files, upsert
from analytics.ingest import stage as stage_module
from analytics.ingest.read import SCAN_MIN_BYTES
from tests.test_ingest_bulk import CATALOG, _state, _write
from tests.test_ingest_repeats import _files

HEADER = "term,course_code,email,full_name,status,role"


def _weekly(folder: Path, rows: int, broken_at: int | None = None) -> Path:
    lines = [HEADER]
    for i in range(rows):
        role = '"Teacher,\nlead"' if i == broken_at else "Teacher"
        lines.append(f"Spring 2019,BEC-19S-01,w{i}@a.org,Weekly Person {i:05d},enrolled,{role}")
    lines.append("Spring 2019,BEC-19S-01,not-an-email,Bad Row,enrolled,Teacher")
    return _write(folder, "weekly.csv", lines)


def test_a_weekly_export_is_scanned_by_duckdb(con, tmp_path, monkeypatch):
    path = _weekly(tmp_path, 3_000)
    assert path.stat().st_size >= SCAN_MIN_BYTES
    parsed = []
    real = stage_module._stage_rows
    monkeypatch.setattr(stage_module, "_stage_rows", lambda *a: parsed.append(a[3]) or real(*a))
    _, result = ingest_files(con, [CATALOG, path])
    assert parsed == ["ing_raw_0"]  # only the small catalog went through Python
    assert (result.rows_read, result.loaded, result.rejected) == (3_001, 3_000, 1)
    assert result.rejects[0]["line"] == 3_002 and result.rejects[0]["column"] == "email"


def test_a_scanned_export_with_a_quoted_line_break_keeps_its_line_numbers(con, tmp_path):
    path = _weekly(tmp_path, 3_000, broken_at=10)
    _, result = ingest_files(con, [CATALOG, path])
    assert (result.rows_read, result.loaded, result.rejected) == (3_001, 3_000, 1)
    # the row after the break starts one line later than its row number says
    assert result.rejects[0]["line"] == 3_003
    role = "select role from enrollments where person_id = 'w10@a.org'"
    assert con.execute(role).fetchone()[0] == "Teacher,\nlead"


def test_an_export_longer_than_one_scan_buffer_keeps_every_line_number(con, tmp_path):
    # DuckDB scans a CSV in 16 MB buffers, two at once here; unless its rows are written in the
    # file's order, a second buffer's rows come first (seen from 17 MB), and their row ids, which
    # are the line numbers, no longer match the lines. The import writes everything else unordered.
    rows = 280_000
    lines = [HEADER]
    for i in range(rows):
        line = i + 2
        email = "not-an-email" if line in (1_000, 270_000) else f"p{line}@a.org"
        lines.append(f"Spring 2019,BEC-19S-01,{email},Scanned Person {line:06d},enrolled,Teacher")
    path = _write(tmp_path, "long.csv", lines)
    assert path.stat().st_size > 17 * 1024 * 1024
    _, result = ingest_files(con, [CATALOG, path])
    assert (result.rows_read, result.loaded, result.rejected) == (rows, rows - 2, 2)
    assert sorted(r["line"] for r in result.rejects) == [1_000, 270_000]
    misplaced = con.execute(
        "select count(*), count(*) filter (where source_line <> regexp_extract(person_id, 'p(\\d+)@', 1)::integer) "
        "from enrollments where person_id like 'p%@a.org'"
    ).fetchone()
    assert misplaced == (rows - 2, 0)


@pytest.mark.parametrize("small_merge", [0, upsert.SMALL_MERGE])
def test_both_merge_paths_leave_what_one_command_per_file_leaves(tmp_path, monkeypatch, small_merge):
    # 0: every merge onto stored rows first asks whether any key is stored (as a big import does)
    monkeypatch.setattr(upsert, "SMALL_MERGE", small_merge)
    bulk = _compared(tmp_path, _files(tmp_path), "")
    with warehouse.connect(bulk) as con:
        assert con.execute("select count(*) from people_history").fetchone()[0] == 1


def _compared(folder: Path, files: list[Path], tag: str, after_bulk=lambda: None) -> Path:
    """Load the files in one command and one command each; assert the same state; the first warehouse."""
    paths = folder / f"bulk{tag}.duckdb", folder / f"each{tag}.duckdb"
    with warehouse.connect(paths[0]) as bulk, warehouse.connect(paths[1]) as each:
        ingest_files(bulk, files)
        after_bulk()
        for path in files:
            ingest_files(each, [path])
        assert _state(bulk) == _state(each)
    return paths[0]


def test_files_of_different_terms_skip_the_search_for_shared_keys(tmp_path, monkeypatch):
    # one export per term: an enrollment's key holds its course, so its term, and no key meets another file's
    seen = []
    real = upsert._shared_by_files
    monkeypatch.setattr(upsert, "_shared_by_files", lambda con, column: seen.append(real(con, column)) or seen[-1])
    spring = _write(tmp_path, "spring.csv", [HEADER, "Spring 2019,BEC-19S-01,a@a.org,Ann A,enrolled,Teacher"])
    fall = _write(
        tmp_path,
        "fall.csv",
        [HEADER, "Fall 2019,BEC-19F-01,a@a.org,Ann A,enrolled,Teacher", "Fall 2019,BEC-19F-01,b@a.org,B,enrolled,"],
    )
    again = _write(tmp_path, "spring_again.csv", [HEADER, "Spring 2019,BEC-19S-01,a@a.org,Ann B,completed,"])
    looked = []
    for n, files in enumerate(([CATALOG, spring, fall], [CATALOG, spring, again])):
        seen.clear()
        _compared(tmp_path, files, str(n), lambda: looked.append(list(seen)))
    # different terms: not looked for; the same term in two files: looked for, and merged in order
    assert looked == [[False], [True]]
    with warehouse.connect(tmp_path / "bulk1.duckdb") as con:
        assert con.execute("select status from enrollments where person_id = 'a@a.org'").fetchone()[0] == "completed"
