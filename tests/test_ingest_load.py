"""Loading is safe to repeat: idempotent re-import, updates by natural key, undo, order, dry runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics import warehouse
from analytics.errors import AnalyticsError
from analytics.ingest import ingest_files, list_batches, undo_batch

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
CATALOG = FIXTURES / "catalog.csv"
SCHOOLS = FIXTURES / "schools.csv"
TABLES = ("courses", "course_staff", "enrollments", "survey_responses", "schools", "people", "rejected_rows")


def _csv(tmp_path: Path, name: str, lines: list[str]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _snapshot(con) -> dict:
    return {t: con.execute(f"select * from {t} order by all").fetchall() for t in TABLES}


def _first_export(tmp_path: Path) -> Path:
    return _csv(
        tmp_path,
        "enr_v1.csv",
        [
            "registered_at,term,course_code,email,full_name,status,school",
            "2019-01-05 10:00:00,Spring 2019,BEC-19S-01,a@b.org,Ada B,enrolled,Hale Academy",
            "2019-01-06 10:00:00,Spring 2019,BEC-19S-02,c@d.org,Cy D,enrolled,Lenox Charter",
        ],
    )


def _newer_export(tmp_path: Path) -> Path:
    # no registered_at or school column; one record changed, one missing, one new
    return _csv(
        tmp_path,
        "enr_v2.csv",
        [
            "term,course_code,email,full_name,status",
            "Spring 2019,BEC-19S-01,a@b.org,Ada B,completed",
            "Spring 2019,BEC-19S-02,e@f.org,Eve F,enrolled",
        ],
    )


def test_same_content_again_changes_nothing(con, tmp_path):
    ingest_files(con, [CATALOG, SCHOOLS, _first_export(tmp_path)])
    before = _snapshot(con)
    batches = len(list_batches(con))
    copy = _csv(tmp_path, "renamed.csv", _first_export(tmp_path).read_text().splitlines())
    results = ingest_files(con, [CATALOG, _first_export(tmp_path), copy])
    assert all(r.skipped for r in results) and all(r.batch_id is not None for r in results)
    assert _snapshot(con) == before and len(list_batches(con)) == batches


def test_newer_export_updates_by_natural_key_and_keeps_absent_columns(con, tmp_path):
    ingest_files(con, [CATALOG, SCHOOLS, _first_export(tmp_path)])
    (result,) = ingest_files(con, [_newer_export(tmp_path)])
    assert (result.inserted, result.updated, result.unchanged) == (1, 1, 0)
    rows = con.execute(
        "select email, status, registered_at::varchar, school from enrollments order by email"
    ).fetchall()
    assert rows == [
        ("a@b.org", "completed", "2019-01-05 10:00:00", "Hale Academy"),  # only status changed
        ("c@d.org", "enrolled", "2019-01-06 10:00:00", "Lenox Charter"),  # missing from v2: kept
        ("e@f.org", "enrolled", None, None),
    ]


def test_undo_of_an_insert_and_of_an_update(con, tmp_path):
    ingest_files(con, [CATALOG, SCHOOLS])
    empty = _snapshot(con)
    (first,) = ingest_files(con, [_first_export(tmp_path)])
    after_first = _snapshot(con)
    (second,) = ingest_files(con, [_newer_export(tmp_path)])
    outcome = undo_batch(con, second.batch_id)
    assert outcome["removed"]["enrollments"] == 2 and outcome["restored"]["enrollments"] == 1
    assert _snapshot(con) == after_first
    undo_batch(con, first.batch_id)
    assert _snapshot(con) == empty
    undone = list_batches(con).set_index("batch_id")["undone_at"]
    assert undone[first.batch_id] is not None and undone[second.batch_id] is not None


def test_undo_refuses_when_a_later_batch_changed_its_rows(con, tmp_path):
    ingest_files(con, [CATALOG, SCHOOLS])
    (first,) = ingest_files(con, [_first_export(tmp_path)])
    (second,) = ingest_files(con, [_newer_export(tmp_path)])
    before = _snapshot(con)
    with pytest.raises(AnalyticsError, match=rf"later batch {second.batch_id} .* undo batch {second.batch_id} first"):
        undo_batch(con, first.batch_id)
    assert _snapshot(con) == before
    with pytest.raises(AnalyticsError, match="no import batch 999"):
        undo_batch(con, 999)
    undo_batch(con, second.batch_id)
    with pytest.raises(AnalyticsError, match="already undone"):
        undo_batch(con, second.batch_id)


def test_undone_file_can_be_loaded_again(con, tmp_path):
    ingest_files(con, [CATALOG])
    (first,) = ingest_files(con, [_first_export(tmp_path)])
    undo_batch(con, first.batch_id)
    (again,) = ingest_files(con, [_first_export(tmp_path)])
    assert not again.skipped and again.inserted == 2


def test_catalog_and_schools_load_before_enrollments_whatever_the_order(con, tmp_path):
    survey = _csv(tmp_path, "s.csv", ["term,course_code,rating", "Spring 2019,BEC-19S-01,4"])
    results = ingest_files(con, [survey, _first_export(tmp_path), CATALOG, SCHOOLS])
    assert [r.kind for r in results] == ["schools", "courses", "enrollments", "surveys"]
    assert all(r.rejected == 0 for r in results)
    assert con.execute("select sector from enrollments where email = 'c@d.org'").fetchone()[0] == "charter"


def test_dry_run_writes_nothing_and_reports_what_would_load(con, tmp_path):
    before = _snapshot(con)
    results = ingest_files(con, [_first_export(tmp_path), CATALOG], dry_run=True)
    assert [(r.kind, r.loaded, r.batch_id) for r in results] == [("courses", 8, None), ("enrollments", 2, None)]
    assert _snapshot(con) == before
    assert con.execute("select count(*) from import_batches").fetchone()[0] == 0


def test_batches_are_recorded(con, tmp_path):
    ingest_files(con, [CATALOG, _first_export(tmp_path)], display_names={str(CATALOG): "Catalog (uploaded).csv"})
    frame = list_batches(con)
    assert list(frame["file_name"]) == ["enr_v1.csv", "Catalog (uploaded).csv"]
    assert list(frame["rows_read"]) == [2, 8] and list(frame["loaded"]) == [2, 8]
    hashes = con.execute("select content_hash from import_batches").fetchall()
    assert all(len(h[0]) == 64 for h in hashes)
    assert warehouse.as_of(con) is not None


def test_undo_keeps_a_person_a_later_batch_still_names(con, tmp_path):
    ingest_files(con, [CATALOG])
    (first,) = ingest_files(con, [_first_export(tmp_path)])
    later = _csv(tmp_path, "fall.csv", ["term,course_code,email,full_name", "Fall 2019,BEC-19F-01,a@b.org,Ada B"])
    (second,) = ingest_files(con, [later])
    undo_batch(con, first.batch_id)
    people = dict(
        con.execute("select person_id, batch_id from people where person_id in ('a@b.org', 'c@d.org')").fetchall()
    )
    assert people == {"a@b.org": second.batch_id}  # still enrolled in fall; c@d.org was only in the undone file
    undo_batch(con, second.batch_id)
    assert con.execute("select count(*) from people where person_id = 'a@b.org'").fetchone()[0] == 0
