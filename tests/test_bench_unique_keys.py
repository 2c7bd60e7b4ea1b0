"""people and enrollments carry no primary key (it cost a third of the import's CPU): the importer keeps them unique.

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

DUPLICATE_ENROLLMENTS = """
select course_id, person_id, count(*) as copies
from enrollments
group by course_id, person_id
having count(*) > 1
"""
DUPLICATE_PEOPLE = """
select person_id, count(*) as copies
from people
group by person_id
having count(*) > 1
"""


def broken_keys(con) -> dict[str, list[tuple]]:
    return {
        "enrollments": con.execute(DUPLICATE_ENROLLMENTS).fetchall(),
        "people": con.execute(DUPLICATE_PEOPLE).fetchall(),
    }


def newer_export(source: Path, target: Path) -> Path:
    """The same registrations exported later: every status changed, one row repeated, one new person."""
    with source.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["status"] = "completed" if row["status"] != "completed" else "enrolled"
    rows.append(dict(rows[0]))
    rows.append({**rows[1], "email": "someone.new@example.org", "first_name": "Someone", "last_name": "New"})
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return target


@pytest.fixture
def loaded(tmp_path):
    con = warehouse.connect(tmp_path / "warehouse.duckdb")
    ingest_files(con, sorted(ACCEPTANCE.glob("*.csv")))
    yield con
    con.close()


def test_the_key_queries_find_a_duplicate(loaded):
    """The checks can fail: a copied enrollment and a copied person are both reported."""
    loaded.execute("insert into enrollments select * from enrollments limit 1")
    loaded.execute("insert into people select * from people limit 1")
    found = broken_keys(loaded)
    assert len(found["enrollments"]) == 1 and found["enrollments"][0][2] == 2
    assert len(found["people"]) == 1 and found["people"][0][1] == 2


def test_keys_stay_unique_through_repeats_newer_exports_and_undo(loaded, tmp_path):
    assert broken_keys(loaded) == {"enrollments": [], "people": []}
    before = loaded.execute("select count(*) from enrollments").fetchone()[0]
    ingest_files(loaded, sorted(ACCEPTANCE.glob("*.csv")))  # the same files again: skipped
    source = ACCEPTANCE / "enrollments_fall_2018.csv"
    results = ingest_files(loaded, [newer_export(source, tmp_path / "enrollments_fall_2018_later.csv")])
    assert results[0].updated > 0  # the newer export did update records in place
    assert broken_keys(loaded) == {"enrollments": [], "people": []}
    assert loaded.execute("select count(*) from enrollments").fetchone()[0] == before + 1
    undo_batch(loaded, results[0].batch_id)
    assert broken_keys(loaded) == {"enrollments": [], "people": []}


def test_keys_unique_in_a_generated_collaborative_loaded_twice(tmp_path):
    synth.generate(tmp_path / "exports", enrollments=3000)
    files = sorted((tmp_path / "exports").glob("*.csv")) + sorted((tmp_path / "exports").glob("*.xlsx"))
    con = warehouse.connect(tmp_path / "warehouse.duckdb")
    try:
        ingest_files(con, files)
        ingest_files(con, files)
        assert con.execute("select count(*) from enrollments").fetchone()[0] > 2900
        assert broken_keys(con) == {"enrollments": [], "people": []}
    finally:
        con.close()
