"""The table commands on the acceptance exports: answers match, errors are clear, formulas never run."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from release_support import published_acceptance

from analytics import disclosure, warehouse
from analytics.cli import main
from analytics.exports import export_table, export_workbook
from analytics.filters import Filters
from analytics.metrics.spec import TABLES

ACCEPTANCE = Path(__file__).parent / "fixtures" / "acceptance"
FINAL = ACCEPTANCE / "exports" / "enrollments_spring_2020_final.csv"
FORMULA_COURSE = "BEC-19S-04"


@pytest.fixture(scope="module")
def acceptance_db(tmp_path_factory) -> Path:
    # the acceptance exports with the corrected final file loaded last, and one release (published once per run)
    return published_acceptance(tmp_path_factory, tmp_path_factory.mktemp("acceptance") / "warehouse.duckdb")


def answer(name: str) -> pd.DataFrame:
    return pd.read_csv(ACCEPTANCE / "answers" / f"{name}.csv")


def same_rows(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert list(got.columns) == list(expected.columns)
    key = list(expected.columns)
    left = got.sort_values(key).reset_index(drop=True)
    right = expected.sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(left, right, check_dtype=False)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_tables_lists_every_table_with_its_meaning(capsys):
    code, out, _ = run(capsys, "tables")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == len(TABLES)
    for line, (name, spec) in zip(lines, TABLES.items(), strict=True):
        assert line.startswith(name) and line.endswith(spec.description)
    code, out, _ = run(capsys, "tables", "--json")
    assert json.loads(out)["course_mix"]["columns"] == list(TABLES["course_mix"].columns)


def test_csv_to_stdout_matches_the_answers(acceptance_db):
    env = {**os.environ, "ANALYTICS_DB": str(acceptance_db)}
    cases = [
        (["participation_by_term"], "participation_by_term"),
        (["participation_by_term", "--sector", "Charter"], "participation_by_term@sector=charter"),
        (
            ["participation_by_term", "--category", "Culturally proficient strategies"],
            "participation_by_term@category=culturally_proficient",
        ),
    ]
    for args, expected in cases:
        done = subprocess.run(
            [sys.executable, "-m", "analytics", "export", *args], capture_output=True, env=env, check=False
        )
        assert done.returncode == 0, done.stderr.decode()
        assert not done.stdout.startswith(b"\xef\xbb\xbf")  # no byte-order mark on a pipe
        same_rows(pd.read_csv(io.BytesIO(done.stdout)), answer(expected))


def test_files_written_with_o_carry_the_bom_and_the_same_rows(acceptance_db, tmp_path, capsys):
    target = tmp_path / "out.csv"
    code, _, err = run(capsys, "export", "returning_by_term", "--db", str(acceptance_db), "-o", str(target))
    assert code == 0 and "wrote" in err
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    same_rows(pd.read_csv(target, encoding="utf-8-sig"), answer("returning_by_term"))


def test_the_formula_title_never_runs(acceptance_db, tmp_path, capsys):
    con = warehouse.connect(acceptance_db, read_only=True)
    try:
        export = export_table(con, "course_mix", Filters.parse(term_from="SP19", term_to="SP19"), "csv")
    finally:
        con.close()
    frame = pd.read_csv(io.BytesIO(export.data), encoding="utf-8-sig")
    title = frame.loc[frame["course_code"] == FORMULA_COURSE, "course_title"].iloc[0]
    assert title.startswith("'=")
    assert export.filename.startswith("course_mix_terms-spring2019-to-spring2019_")

    target = tmp_path / "mix.xlsx"
    code, _, _ = run(capsys, "export", "course_mix", "--db", str(acceptance_db), "--format", "xlsx", "-o", str(target))
    assert code == 0
    sheet = openpyxl.load_workbook(target)["course_mix"]
    titles = [row[2].value for row in sheet.iter_rows(min_row=2) if row[1].value == FORMULA_COURSE]
    assert titles and all(not str(t).startswith("=") for t in titles)
    assert any(str(t).startswith("'=") for t in titles)
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_json_with_suppression_shows_no_small_count(acceptance_db, capsys):
    code, out, err = run(
        capsys, "export", "leader_pipeline", "--db", str(acceptance_db), "--format", "json", "--suppress-below", "10"
    )
    assert code == 0 and "note:" in err
    document = json.loads(out)
    assert document["meta"]["suppression"]["suppress_below"] == 10
    spec = TABLES["leader_pipeline"]
    for row in document["rows"]:
        for column, value in zip(document["columns"], row, strict=True):
            if column in spec.person_counts and value is not None:
                assert value == 0 or value >= 10, (column, value)
    assert any(v is None for row in document["rows"] for v in row)


def test_export_all_writes_the_workbook(acceptance_db, tmp_path, capsys):
    target = tmp_path / "all.xlsx"
    code, _, _ = run(capsys, "export", "all", "--db", str(acceptance_db), "-o", str(target), "--suppress-below", "10")
    assert code == 0
    book = openpyxl.load_workbook(target)
    con = warehouse.connect(acceptance_db, read_only=True)
    try:
        export = export_workbook(con, None, 10)
        release = disclosure.latest_release(con)
    finally:
        con.close()
    assert book.sheetnames == ["About", *[name[:31] for name in release.tables]]
    assert export.filename.endswith(f"_release{release.id}-k10_" + export.filename.rsplit("_", 1)[1])
    assert export.mime.endswith("spreadsheetml.sheet")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "bogus"], "unknown table 'bogus'; valid: participation_by_term"),
        (["export", "participation_by_term", "--sector", "Pirate"], "unknown sector 'Pirate'; valid: district"),
        (["export", "participation_by_term", "--category", "math"], "unknown category 'math'; valid: all_learners"),
        (["export", "participation_by_term", "--term-from", "TBD"], "unknown term 'TBD'"),
        (["export", "all", "--format", "csv"], "export all writes one workbook"),
        (["export", "course_mix", "--format", "xlsx"], "give -o FILE.xlsx"),
        (["export", "course_mix", "--suppress-below", "-3"], "--suppress-below must be 0 or more"),
        (["report", "--sector", "nowhere", "-o", "x.html"], "unknown sector 'nowhere'"),
    ],
)
def test_errors_name_the_problem_and_exit_non_zero(acceptance_db, capsys, argv, message):
    code, out, err = run(capsys, *argv, "--db", str(acceptance_db))
    assert code == 2
    assert err.startswith("error: ") and message in err
    assert out == ""


def test_unknown_table_lists_every_valid_name(acceptance_db, capsys):
    _, _, err = run(capsys, "export", "nope", "--db", str(acceptance_db))
    for name in (*TABLES, "all"):
        assert name in err


def test_report_command_writes_one_html_file(acceptance_db, tmp_path, capsys):
    target = tmp_path / "report" / "funders.html"
    code, _, err = run(capsys, "report", "--db", str(acceptance_db), "--term-from", "FA18", "-o", str(target))
    assert code == 0 and "wrote" in err
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "terms: Fall 2018 to latest term" in page
    assert "Counts of 1 to 9 people, enrollments or schools are withheld" in page  # default K = 10
