"""The weekly case: one more term's exports, written from a loaded warehouse, to import on top of it.

A coordinator's usual import is not the whole history but the newest term: its catalog and
its registration export (about 5,000 rows), into a warehouse that already holds everything
before it. ``write_increment`` writes those two files for the term after the warehouse's last:
that last term's courses offered again, and registrations for them by people taken from that
term's registrations (so most are returning participants, whose history grows), in the
importer's own column names. Deterministic: the same warehouse gives the same files.
"""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb

from analytics import vocab

WEEKLY_ROWS = 5_000


def next_term(order: int) -> int:
    """The term after ``order`` (Fall is followed by the next year's Winter)."""
    return order + 1 if order % 10 < 4 else (order // 10 + 1) * 10 + 1


def write_increment(con: duckdb.DuckDBPyConnection, folder: Path, rows: int = WEEKLY_ROWS) -> list[Path]:
    """The next term's catalog and ``rows`` registrations for it, as two CSV files in ``folder``."""
    last = con.execute("select max(term_order) from courses").fetchone()[0]
    label = vocab.Term.from_order(next_term(last)).label
    courses = con.execute(
        "select c.course_code, c.course_title, c.category, any_value(s.person_id), any_value(s.name) "
        "from courses as c join course_staff as s on s.course_id = c.course_id and s.role = 'leader' "
        "where c.term_order = $t and c.course_code is not null group by all order by c.course_code",
        {"t": last},
    ).fetchall()
    registrations = con.execute(
        "select e.email, e.full_name, e.school, e.sector, e.status, c.course_code "
        "from enrollments as e join courses as c on c.course_id = e.course_id "
        "where e.term_order = $t and c.course_code is not null "
        "order by md5(e.person_id || e.course_id) limit $n",
        {"t": last, "n": rows},
    ).fetchall()
    folder.mkdir(parents=True, exist_ok=True)
    catalog_path, registrations_path = folder / "weekly_catalog.csv", folder / "weekly_registrations.csv"
    with catalog_path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["term", "course_code", "course_title", "category", "leader_email", "leader_name"])
        out.writerows([label, *course] for course in courses)
    with registrations_path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["term", "email", "full_name", "school", "sector", "status", "course_code"])
        out.writerows([label, *row] for row in registrations)
    return [catalog_path, registrations_path]
