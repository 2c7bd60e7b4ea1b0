"""No canonical table of many rows carries a primary key (people and enrollments: a third of the import's CPU;
survey responses and course staff: about a second at 1,000,000 enrollments): the importer keeps their keys unique.

Data tests in the dbt sense: each query returns the rows that break a key, and
must return none after first imports, repeated imports, newer exports of the
same records, an undo, and a load of the generated collaborative.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from analytics import synth, warehouse
from analytics.ingest import ingest_files, undo_batch

ROOT = Path(__file__).resolve().parent.parent
ACCEPTANCE = ROOT / "tests" / "fixtures" / "acceptance" / "exports"

# each table's natural key (docs/DATA.md): the importer merges by it
KEYS = {
    "enrollments": ("course_id", "person_id"),
    "people": ("person_id",),
    "survey_responses": ("response_id",),
    "course_staff": ("course_id", "role", "person_id"),
}
NONE_BROKEN = {table: [] for table in KEYS}


def broken_keys(con) -> dict[str, list[tuple]]:
    """Per table, every key held by more than one row: (key..., copies)."""
    found = {}
    for table, key in KEYS.items():
        columns = ", ".join(key)
        found[table] = con.execute(
            f"select {columns}, count(*) as copies from {table} group by {columns} having count(*) > 1"
        ).fetchall()
    return found


def rewritten(source: Path, target: Path, change, more=lambda rows: []) -> Path:
    """The export ``source`` written again with ``change`` applied to every row, then the rows ``more`` adds."""
    with source.open(newline="", encoding="utf-8") as handle:
        rows = [change(dict(row)) for row in csv.DictReader(handle)]
    rows += more(rows)
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return target


def newer_export(source: Path, target: Path) -> Path:
    """The same registrations exported later: every status changed, one row repeated, one new person."""

    def flipped(row):
        return {**row, "status": "completed" if row["status"] != "completed" else "enrolled"}

    def repeat_and_newcomer(rows):
        newcomer = {**rows[1], "email": "someone.new@example.org", "first_name": "Someone", "last_name": "New"}
        return [dict(rows[0]), newcomer]

    return rewritten(source, target, flipped, repeat_and_newcomer)


@pytest.fixture
def loaded(tmp_path):
    con = warehouse.connect(tmp_path / "warehouse.duckdb")
    ingest_files(con, sorted(ACCEPTANCE.glob("*.csv")))
    yield con
    con.close()


def test_the_key_queries_find_a_duplicate(loaded):
    """The checks can fail: a copied row of each table is reported, with its two copies."""
    for table in KEYS:
        loaded.execute(f"insert into {table} select * from {table} limit 1")
    found = broken_keys(loaded)
    for table, key in KEYS.items():
        assert len(found[table]) == 1 and found[table][0][len(key)] == 2, table


def test_keys_stay_unique_through_repeats_newer_exports_and_undo(loaded, tmp_path):
    assert broken_keys(loaded) == NONE_BROKEN
    before = loaded.execute("select count(*) from enrollments").fetchone()[0]
    ingest_files(loaded, sorted(ACCEPTANCE.glob("*.csv")))  # the same files again: skipped
    source = ACCEPTANCE / "enrollments_fall_2018.csv"
    results = ingest_files(loaded, [newer_export(source, tmp_path / "enrollments_fall_2018_later.csv")])
    assert results[0].updated > 0  # the newer export did update records in place
    assert broken_keys(loaded) == NONE_BROKEN
    assert loaded.execute("select count(*) from enrollments").fetchone()[0] == before + 1
    undo_batch(loaded, results[0].batch_id)
    assert broken_keys(loaded) == NONE_BROKEN


def test_survey_and_staff_keys_stay_unique_through_newer_exports_and_undo(loaded, tmp_path):
    """A later export of the surveys (every rating changed) and of the catalog (every leader's sector
    changed) updates rows in place: no key gains a second row, and undoing both keeps it so."""
    signed = "select count(*) from survey_responses where person_id is not null"
    responses = loaded.execute(signed).fetchone()[0]
    staff = loaded.execute("select count(*) from course_staff").fetchone()[0]

    def rated_again(row):  # a rating that was loaded is changed; one that was refused stays as it was
        swap = {"1": "2", "2": "3", "3": "4", "4": "5", "5": "4"}
        return {**row, "rating": swap.get(row["rating"].strip(), row["rating"])}

    def moved(row):
        return {**row, "leader_sector": "charter" if row["leader_sector"] != "charter" else "district"}

    later = [
        rewritten(ACCEPTANCE / "surveys.csv", tmp_path / "surveys_later.csv", rated_again),
        rewritten(ACCEPTANCE / "courses.csv", tmp_path / "courses_later.csv", moved),
    ]
    results = ingest_files(loaded, later)
    surveys, catalog = sorted(results, key=lambda r: r.kind != "surveys")
    assert surveys.updated > 0
    (restaffed,) = loaded.execute(
        "select count(*) from course_staff_history where changed_by_batch = $b", {"b": catalog.batch_id}
    ).fetchone()
    assert restaffed > 0  # the staff rows were updated in place
    assert broken_keys(loaded) == NONE_BROKEN
    # (an anonymous response is known by its whole content: with its rating changed, it is another one)
    assert loaded.execute(signed).fetchone()[0] == responses
    assert loaded.execute("select count(*) from course_staff").fetchone()[0] == staff
    for result in reversed(results):
        undo_batch(loaded, result.batch_id)
    assert broken_keys(loaded) == NONE_BROKEN


def test_keys_unique_in_a_generated_collaborative_loaded_twice(tmp_path):
    synth.generate(tmp_path / "exports", enrollments=3000)
    files = sorted((tmp_path / "exports").glob("*.csv")) + sorted((tmp_path / "exports").glob("*.xlsx"))
    con = warehouse.connect(tmp_path / "warehouse.duckdb")
    try:
        ingest_files(con, files)
        ingest_files(con, files)
        assert con.execute("select count(*) from enrollments").fetchone()[0] > 2900
        assert broken_keys(con) == NONE_BROKEN
    finally:
        con.close()
