"""Keys several files of one command name alike: one aggregation must give what the chain gives.

docs/DATA.md, "One command, one transaction": the bulk merge must leave exactly what one
command per file leaves. A returning participant is named by every yearly export with
the same name; such keys (new, alike in every file) skip the window-function chain
(analytics/ingest/repeats.py). Here one command mixes them with renamed people, people
already stored and a registration repeated word for word in two files, and is compared
with loading the files one command each: rows, history, owners, counts, and undo.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics import warehouse
from analytics.ingest import ingest_files, repeats, undo_batch
from tests.test_ingest_bulk import CATALOG, _state, _write

HEADER = "term,course_code,email,full_name,school,status"


def _files(folder: Path) -> list[Path]:
    """Three yearly exports: p0-p5 alike in all, p6 renamed in the second, r@ repeated verbatim."""
    alike = [f"Spring 2019,BEC-19S-01,p{i}@a.org,Person {i},Hale Academy,enrolled" for i in range(6)]
    repeated = "Fall 2019,BEC-19F-01,r@a.org,Rae Same,Hale Academy,enrolled"
    first = _write(folder, "y1.csv", [HEADER, *alike, "Spring 2019,BEC-19S-02,p6@a.org,Six,,enrolled", repeated])
    second = _write(
        folder,
        "y2.csv",
        [HEADER]
        + [f"Fall 2019,BEC-19F-01,p{i}@a.org,Person {i},Hale Academy,enrolled" for i in range(6)]
        + ["Fall 2019,BEC-19F-01,p6@a.org,Six Renamed,,enrolled", repeated],
    )
    # the leader named in the catalog is stored before the registrations merge: never a repeat
    third = _write(
        folder,
        "y3.csv",
        [HEADER, "Spring 2019,BEC-19S-02,p0@a.org,Person 0,Hale Academy,completed"]
        + [
            "Spring 2019,BEC-19S-02,lead3@a.org,Cy Lead,,enrolled",
            "Fall 2019,BEC-19F-01,lead3@a.org,Cy Lead,,enrolled",
        ],
    )
    return [CATALOG, first, second, third]


def _bulk_and_each(folder: Path, monkeypatch, files: list[Path]):
    """The files loaded in one command and one command each: (bulk, each, their results, keys aggregated in bulk).

    The keys the aggregation took are (table, rows inserted) per call of merge_repeats in the bulk command.
    """
    taken = []
    real = repeats.merge_repeats

    def spy(con, table, target):
        counts = real(con, table, target)
        taken.append((table, sum(c[1] for c in counts)))
        return counts

    monkeypatch.setattr("analytics.ingest.upsert.merge_repeats", spy)
    bulk, each = warehouse.connect(folder / "bulk.duckdb"), warehouse.connect(folder / "each.duckdb")
    bulk_results = ingest_files(bulk, files)
    in_bulk = list(taken)
    each_results = [r for path in files for r in ingest_files(each, [path])]
    return bulk, each, bulk_results, each_results, in_bulk


@pytest.fixture
def pair(tmp_path, monkeypatch):
    found = _bulk_and_each(tmp_path, monkeypatch, _files(tmp_path))
    yield found
    found[0].close()
    found[1].close()


def test_keys_alike_in_several_files_merge_as_one_file_at_a_time(pair):
    bulk, each, bulk_results, each_results, in_bulk = pair
    # the aggregation really took keys: the seven alike people (p0-p5, r@) and the verbatim registration
    assert ("people", 7) in in_bulk and ("enrollments", 1) in in_bulk
    assert [r.to_dict() | {"batch_id": 0} for r in bulk_results] == [
        r.to_dict() | {"batch_id": 0} for r in each_results
    ]
    assert _state(bulk) == _state(each)
    # the first file owns an alike person; the renamed one went through the chain, with history
    owner = "select b.file_name from people as p join import_batches as b using (batch_id) where person_id = $p"
    assert bulk.execute(owner, {"p": "p1@a.org"}).fetchone()[0] == "y1.csv"
    assert bulk.execute("select full_name from people where person_id = 'p6@a.org'").fetchone()[0] == "Six Renamed"
    assert bulk.execute("select full_name from people_history where person_id = 'p6@a.org'").fetchall() == [("Six",)]
    source = "select source_line from enrollments where person_id = 'r@a.org'"
    assert bulk.execute(source).fetchone()[0] == 9  # the line of the first file that named it
    y2 = next(r for r in bulk_results if r.file == "y2.csv")
    assert (y2.inserted, y2.updated, y2.unchanged) == (7, 0, 1)


def test_undo_of_each_batch_after_the_aggregation_is_exact(pair):
    bulk, each, _, _, _ = pair
    by_name = dict(each.execute("select file_name, batch_id from import_batches").fetchall())
    names = dict(bulk.execute("select batch_id, file_name from import_batches").fetchall())
    for batch in sorted(names, reverse=True):
        undo_batch(bulk, batch)
        undo_batch(each, by_name[names[batch]])
        got, expected = _state(bulk), _state(each)
        assert {k: v for k, v in got.items() if k != "batches"} == {k: v for k, v in expected.items() if k != "batches"}
    assert bulk.execute("select count(*) from people").fetchone()[0] == 0


def test_a_blank_in_one_file_and_a_value_in_another_are_not_alike(tmp_path, monkeypatch):
    # the same two registrations in two exports of one term: q@'s school given only in the second,
    # s@'s only in the first; t@'s alike in both
    first = _write(
        tmp_path,
        "a.csv",
        [
            HEADER,
            "Spring 2019,BEC-19S-01,q@a.org,Q One,,enrolled",
            "Spring 2019,BEC-19S-01,s@a.org,S One,Hale Academy,enrolled",
            "Spring 2019,BEC-19S-01,t@a.org,T One,Hale Academy,enrolled",
        ],
    )
    second = _write(
        tmp_path,
        "b.csv",
        [
            HEADER,
            "Spring 2019,BEC-19S-01,q@a.org,Q One,Hale Academy,enrolled",
            "Spring 2019,BEC-19S-01,s@a.org,S One,,enrolled",
            "Spring 2019,BEC-19S-01,t@a.org,T One,Hale Academy,enrolled",
        ],
    )
    bulk, each, bulk_results, each_results, in_bulk = _bulk_and_each(tmp_path, monkeypatch, [CATALOG, first, second])
    try:
        assert ("enrollments", 1) in in_bulk  # t@ only
        assert [r.to_dict() | {"batch_id": 0} for r in bulk_results] == [
            r.to_dict() | {"batch_id": 0} for r in each_results
        ]
        assert _state(bulk) == _state(each)
        schools = dict(bulk.execute("select person_id, school from enrollments").fetchall())
        assert schools == {"q@a.org": "Hale Academy", "s@a.org": None, "t@a.org": "Hale Academy"}
        b = next(r for r in bulk_results if r.file == "b.csv")
        assert (b.inserted, b.updated, b.unchanged) == (0, 2, 1)
    finally:
        bulk.close()
        each.close()
