"""Properties: loaded + rejected = rows read for any mix of rows; importing twice equals importing once."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics import warehouse
from analytics.ingest import ingest_files

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
CATALOG = FIXTURES / "catalog.csv"
CANONICAL = ("courses", "course_staff", "enrollments", "survey_responses", "schools", "people")

terms = st.sampled_from(["Spring 2019", "SP19", "2019 Spring", "TBD", "", "Fall 2019", "Spring 2042"])
codes = st.sampled_from(["BEC-19S-01", "bec-19s-02", "BEC-19F-01", "NOPE-1", ""])
emails = st.sampled_from(["a@b.org", " A@B.org ", "c@d.org", "not-an-email", "", "e@f.org", "g@h.org"])
names = st.sampled_from(["Ann Lee", "", "Zoë Núñez", "O'Brien, Pat"])
statuses = st.sampled_from(["", "completed", "Dropped", "waitlist", "unknown", "Registered"])
sectors = st.sampled_from(["", "BPS", "charter", "Catholic Schools Office", "private", "misc"])
row = st.tuples(terms, codes, emails, names, statuses, sectors)


def _write(path: Path, rows: list[tuple]) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["term", "course_code", "email", "full_name", "status", "sector"])
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def _canonical(con) -> dict:
    # a batch id says which load wrote a row, not what the data is
    return {t: con.execute(f"select * exclude (batch_id) from {t} order by all").fetchall() for t in CANONICAL}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(row, min_size=1, max_size=30))
def test_every_row_is_loaded_or_rejected(tmp_path, rows):
    con = warehouse.connect(":memory:")
    try:
        (_, result) = ingest_files(con, [CATALOG, _write(tmp_path / "e.csv", rows)])
        assert result.loaded + result.rejected == result.rows_read == len(rows)
        stored = con.execute("select count(*) from rejected_rows where batch_id = $b", {"b": result.batch_id})
        assert stored.fetchone()[0] == result.rejected
        assert con.execute("select count(*) from enrollments").fetchone()[0] <= result.loaded
    finally:
        con.close()


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(row, min_size=1, max_size=20))
def test_importing_twice_equals_importing_once(tmp_path, rows):
    path = _write(tmp_path / "e.csv", rows)
    once = warehouse.connect(":memory:")
    twice = warehouse.connect(":memory:")
    try:
        ingest_files(once, [CATALOG, path])
        ingest_files(twice, [CATALOG, path])
        again = ingest_files(twice, [CATALOG, path])
        assert all(r.skipped for r in again)
        # same records in a file with other bytes (a trailing blank line): loaded, but nothing changes
        (changed,) = ingest_files(twice, [_write_with_blank(tmp_path / "e2.csv", path)])
        assert not changed.skipped and changed.inserted == 0 and changed.updated == 0
        assert _canonical(once) == _canonical(twice)
    finally:
        once.close()
        twice.close()


def _write_with_blank(target: Path, source: Path) -> Path:
    target.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    return target
