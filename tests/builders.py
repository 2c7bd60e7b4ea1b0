"""Tiny warehouses built by inserting canonical rows directly (no import step).

Metric tests describe a collaborative in a few lines, e.g.::

    w = WarehouseBuilder(con)
    w.course("Spring 2018", "A", "all_learners", leaders=["lee@x.org"])
    w.enroll("ann@x.org", "Spring 2018", "A", sector="charter", status="completed")

and then assert exact tables. Values are canonical (docs/DATA.md): the builder does
not normalise anything, so a test states exactly what the warehouse holds. The worked
example every metric test shares is ``worlds.build_small_world``; generated warehouses
for property tests are ``strategies.warehouses``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from analytics.vocab import parse_term

BATCH = 1


def term_order(label: str) -> int:
    term = parse_term(label)
    assert term is not None, f"bad term in a test: {label!r}"
    return term.order


def course_id(term: str, code: str) -> str:
    return f"{term_order(term)}:{code.upper()}"


class WarehouseBuilder:
    """Inserts schools, courses, staff, enrollments and survey responses into an open warehouse."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self._line = 0

    def school(self, name: str, sector: str) -> None:
        key = " ".join(name.lower().split())
        self.con.execute(
            "insert into schools (school_key, school, sector, batch_id) values (?, ?, ?, ?)", [key, name, sector, BATCH]
        )

    def person(self, email: str, full_name: str) -> None:
        """A person's name, as the people table holds it (people search reads it)."""
        self.con.execute(
            "insert into people (person_id, full_name, batch_id) values (?, ?, ?)", [email, full_name, BATCH]
        )

    def course(
        self,
        term: str,
        code: str,
        category: str = "all_learners",
        *,
        title: str | None = None,
        leaders: Iterable[str | tuple[str, str | None, str | None]] = (),
        mentors: Iterable[str | tuple[str, str | None, str | None]] = (),
    ) -> str:
        """A course; leaders/mentors are emails or (email, sector, school) tuples."""
        cid = course_id(term, code)
        self.con.execute(
            "insert into courses (course_id, term, term_order, course_code, course_title, category, batch_id) "
            "values (?, ?, ?, ?, ?, ?, ?)",
            [cid, parse_term(term).label, term_order(term), code, title or f"Course {code}", category, BATCH],
        )
        for role, people in (("leader", leaders), ("mentor", mentors)):
            for person in people:
                email, sector, school = (person, None, None) if isinstance(person, str) else person
                self.staff(cid, role, email, sector=sector, school=school)
        return cid

    def staff(self, cid: str, role: str, email: str, *, sector: str | None = None, school: str | None = None) -> None:
        self.con.execute(
            "insert into course_staff (course_id, role, person_id, school, sector, batch_id) values (?, ?, ?, ?, ?, ?)",
            [cid, role, email, school, sector, BATCH],
        )

    def enroll(
        self,
        email: str,
        term: str,
        code: str,
        *,
        sector: str = "district",
        status: str = "enrolled",
        school: str | None = None,
        registered_at: str | None = None,
        batch_id: int = BATCH,
    ) -> None:
        self._line += 1
        self.con.execute(
            "insert into enrollments (course_id, term, term_order, person_id, email, school, sector, status, "
            "registered_at, batch_id, source_line) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                course_id(term, code),
                parse_term(term).label,
                term_order(term),
                email,
                email,
                school,
                sector,
                status,
                datetime.fromisoformat(registered_at) if registered_at else None,
                batch_id,
                self._line,
            ],
        )

    def survey(
        self,
        term: str,
        code: str,
        email: str | None = None,
        *,
        rating: int | None = None,
        recommend: int | None = None,
        implement: int | None = None,
        lead_interest: str | None = None,
    ) -> None:
        self._line += 1
        response_id = hashlib.sha256(f"{self._line}:{term}:{code}:{email}".encode()).hexdigest()[:16]
        self.con.execute(
            "insert into survey_responses (response_id, course_id, term, term_order, person_id, rating, recommend, "
            "implement, lead_interest, batch_id, source_line) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                response_id,
                course_id(term, code),
                parse_term(term).label,
                term_order(term),
                email,
                rating,
                recommend,
                implement,
                lead_interest,
                BATCH,
                self._line,
            ],
        )


def rows(frame) -> list[tuple]:
    """A frame's rows as tuples, blanks as None, for comparison with rows written out by hand."""
    return [tuple(None if value != value else value for value in row) for row in frame.itertuples(index=False)]


def frame_of(columns: str, *table_rows: tuple) -> pd.DataFrame:
    """A frame written out by hand as its rows, the column names in one string (``rows`` read back).

    A table a chart or a rule is given reads here as the page shows it: a line per term or year.
    """
    names = columns.split()
    for row in table_rows:
        assert len(row) == len(names), f"a row of {len(row)} values for the {len(names)} columns {names}: {row}"
    return pd.DataFrame(list(table_rows), columns=names)


def registrations_export(
    path: Path,
    rows: int,
    *,
    term: str = "Spring 2019",
    course_stem: str = "BEC-19S",
    courses: int = 9,
    schools: int = 25,
    registered_at: str = "2019-01-04 09:04:00",
) -> Path:
    """A registrations export of ``rows`` new people, all completed, in courses ``{course_stem}-01`` to
    ``-{courses:02d}`` of ``term``, over three sectors and ``schools`` schools, written to ``path``
    (by default into the Spring 2019 courses of the sample and the acceptance exports).

    The addresses carry a digest: DuckDB's hash() (the metric marts' numbering) gives the same number to
    patterned strings such as load2133@school3.org and load2134@school4.org, which the marts refuse.
    """
    lines = ["registered_at,email,first_name,last_name,school,sector,course_code,term,status"]
    lines += [
        f"{registered_at},{hashlib.sha1(str(i).encode()).hexdigest()[:10]}@late.example,Late{i},Reg{i},"
        f"Mather School {i % schools},{('district', 'charter', 'catholic')[i % 3]},"
        f"{course_stem}-{1 + i % courses:02d},{term},completed"
        for i in range(rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
