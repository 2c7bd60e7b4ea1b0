"""The import commands: ingest (table and --json), imports, undo, rejects, duplicates, and errors."""

from __future__ import annotations

import json
from pathlib import Path

from analytics import warehouse
from analytics.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
CATALOG = FIXTURES / "catalog.csv"


def _enrollments(tmp_path: Path) -> Path:
    path = tmp_path / "e.csv"
    path.write_text(
        "term,course_code,email,full_name\nSpring 2019,BEC-19S-01,a@b.org,A B\nTBD,BEC-19S-01,c@d.org,C D\n",
        encoding="utf-8",
    )
    return path


def test_ingest_json(db_path, tmp_path, capsys):
    assert main(["ingest", "--db", str(db_path), "--json", str(_enrollments(tmp_path)), str(CATALOG)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [(o["file"], o["kind"], o["rows_read"], o["loaded"], o["rejected"], o["skipped"]) for o in out] == [
        ("catalog.csv", "courses", 8, 8, 0, False),
        ("e.csv", "enrollments", 2, 1, 1, False),
    ]
    assert all(isinstance(o["batch_id"], int) for o in out)
    assert out[1]["rejects"][0] == {
        "line": 3,
        "column": "term",
        "reason": "term 'TBD' is not a season and year (e.g. Spring 2019)",
    }
    assert main(["ingest", "--db", str(db_path), "--json", str(CATALOG)]) == 0
    assert json.loads(capsys.readouterr().out)[0]["skipped"] is True


def test_ingest_table_shows_first_reasons(db_path, tmp_path, capsys):
    assert main(["ingest", "--db", str(db_path), str(CATALOG), str(_enrollments(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert "e.csv" in out and "enrollments" in out
    assert "line 3 [term]: term 'TBD' is not a season and year" in out


def test_unknown_file_one_line_error_nothing_written(db_path, tmp_path, capsys):
    bad = tmp_path / "notes.csv"
    bad.write_text("colour,shape\nred,round\n", encoding="utf-8")
    assert main(["ingest", "--db", str(db_path), str(CATALOG), str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert err.startswith("error: notes.csv: not a recognisable export") and "'colour', 'shape'" in err
    con = warehouse.connect(db_path)
    try:
        assert warehouse.table_counts(con)["courses"] == 0
    finally:
        con.close()


def test_imports_rejects_undo_duplicates(db_path, tmp_path, capsys):
    main(["ingest", "--db", str(db_path), "--json", str(CATALOG), str(_enrollments(tmp_path))])
    capsys.readouterr()
    assert main(["imports", "--db", str(db_path), "--json"]) == 0
    batches = json.loads(capsys.readouterr().out)
    assert [b["file_name"] for b in batches] == ["e.csv", "catalog.csv"]
    assert main(["rejects", "--db", str(db_path)]) == 0
    assert "term 'TBD'" in capsys.readouterr().out
    assert main(["undo", "--db", str(db_path), str(batches[0]["batch_id"])]) == 0
    removed = next(line for line in capsys.readouterr().out.splitlines() if "removed:" in line)
    assert "enrollments 1" in removed and "people 1" in removed
    assert main(["undo", "--db", str(db_path), str(batches[0]["batch_id"])]) == 2
    assert "already undone" in capsys.readouterr().err
    assert main(["rejects", "--db", str(db_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["duplicates", "--db", str(db_path)]) == 0
    assert "no possible duplicates" in capsys.readouterr().out


def test_dry_run_flag(db_path, tmp_path, capsys):
    assert main(["ingest", "--db", str(db_path), "--dry-run", str(CATALOG)]) == 0
    assert "nothing was written" in capsys.readouterr().out
    con = warehouse.connect(db_path)
    try:
        assert warehouse.table_counts(con)["courses"] == 0
    finally:
        con.close()
