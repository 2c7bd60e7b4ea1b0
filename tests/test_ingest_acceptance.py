"""The acceptance exports loaded as their README says: 9 rejected rows, the final export updates, re-import is a no-op."""

from __future__ import annotations

from pathlib import Path

from analytics import warehouse
from analytics.ingest import ingest_files

EXPORTS = Path(__file__).parent / "fixtures" / "acceptance" / "exports"
FINAL = EXPORTS / "enrollments_spring_2020_final.csv"


def _step_one() -> list[Path]:
    return [p for p in sorted(EXPORTS.glob("*.csv"), reverse=True) if p != FINAL]  # reversed: catalog last on purpose


def _snapshot(con) -> dict:
    tables = ("courses", "course_staff", "enrollments", "survey_responses", "schools", "people", "rejected_rows")
    return {t: con.execute(f"select * from {t} order by all").fetchall() for t in tables}


def test_acceptance_load(con):
    first = ingest_files(con, _step_one())
    assert sum(r.rejected for r in first) == 9
    assert {r.file for r in first if r.rejected} == {
        "enrollments_fall_2018.csv",
        "enrollments_summer_2019.csv",
        "enrollments_spring_2020.csv",
    }
    assert all(r.loaded + r.rejected == r.rows_read for r in first)
    assert [r.kind for r in first][:2] == ["schools", "courses"]  # catalog first whatever the order given
    counts = warehouse.table_counts(con)
    assert counts["rejected_rows"] == 9
    assert counts["enrollments"] == sum(r.loaded for r in first if r.kind == "enrollments")
    assert counts["courses"] == 78
    assert counts["schools"] == 30
    assert counts["survey_responses"] == sum(r.loaded for r in first if r.kind == "surveys")

    before = dict(con.execute("select course_id || person_id, registered_at from enrollments").fetchall())
    (final,) = ingest_files(con, [FINAL])
    assert final.updated > 0 and final.inserted == 0 and final.rejected == 0
    completed = con.execute(
        "select count(*) from enrollments e join enrollments_history h using (course_id, person_id) "
        "where e.status = 'completed' and h.status <> 'completed'"
    ).fetchone()[0]
    assert completed == final.updated
    after = dict(con.execute("select course_id || person_id, registered_at from enrollments").fetchall())
    assert after == before  # the final export has no registered_at column: the original stays

    snapshot = _snapshot(con)
    again = ingest_files(con, _step_one())
    assert all(r.skipped for r in again)
    assert _snapshot(con) == snapshot
