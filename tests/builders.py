"""Tiny warehouses built by inserting canonical rows directly (no import step).

Metric tests describe a collaborative in a few lines, e.g.::

    w = WarehouseBuilder(con)
    w.course("Spring 2018", "A", "all_learners", leaders=["lee@x.org"])
    w.enroll("ann@x.org", "Spring 2018", "A", sector="charter", status="completed")

and then assert exact tables. Values are canonical (docs/DATA.md): the builder does
not normalise anything, so a test states exactly what the warehouse holds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime

import duckdb

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


def build_small_world(con: duckdb.DuckDBPyConnection) -> WarehouseBuilder:
    """Three terms of a tiny collaborative whose every table is worked out by hand in the tests.

    - lee leads A (Spring 2018) and E (Spring 2019) and never takes part; zed leads E with no
      sector anywhere (so `other`); kim leads B from a charter school (sector from the school).
    - C (Fall 2018) has two leaders of different sectors (ann: district, pat: catholic).
    - bob leads D with no catalog sector and no school: his own latest counting enrollment
      (charter, Fall 2018; his Spring 2019 row is waitlisted) decides.
    - ann is district in Spring 2018 and charter in Fall 2018 (her later registration that term).
    - dan only ever withdrew; eve was waitlisted in Spring 2018, so her first term is Fall 2018.
    - survey: three answers for C (one anonymous), a blank-answered one for D, an anonymous one for A.
    """
    w = WarehouseBuilder(con)
    w.school("Hale Academy", "charter")
    w.school("Cristo Prep", "catholic")
    w.course("Spring 2018", "A", "all_learners", leaders=[("lee@x.org", "district", None)])
    w.course(
        "Spring 2018",
        "B",
        "culturally_proficient",
        leaders=[("kim@x.org", None, "hale  academy")],
        mentors=["mo@x.org"],
    )
    w.course(
        "Fall 2018",
        "C",
        "all_learners",
        leaders=[("ann@x.org", "district", None), ("pat@x.org", "catholic", None)],
        mentors=["mo@x.org"],
    )
    w.course("Fall 2018", "D", "rigorous_curricula", leaders=["bob@x.org"])
    w.course("Spring 2019", "E", "culturally_proficient", leaders=[("lee@x.org", "district", None), "zed@x.org"])

    w.enroll("ann@x.org", "Spring 2018", "A", sector="district", status="completed", school="Trotter School")
    w.enroll(
        "bob@x.org",
        "Spring 2018",
        "A",
        sector="charter",
        status="completed",
        school="Hale Academy",
        registered_at="2018-01-05 09:00",
    )
    w.enroll(
        "bob@x.org",
        "Spring 2018",
        "B",
        sector="charter",
        status="enrolled",
        school="Hale Academy",
        registered_at="2018-01-10 09:00",
    )
    w.enroll("cat@x.org", "Spring 2018", "B", sector="catholic", status="completed", school="Cristo Prep")
    w.enroll("dan@x.org", "Spring 2018", "B", sector="district", status="withdrawn")
    w.enroll("eve@x.org", "Spring 2018", "A", sector="district", status="waitlisted")

    w.enroll(
        "bob@x.org",
        "Fall 2018",
        "C",
        sector="charter",
        status="completed",
        school="Hale Academy",
        registered_at="2018-08-01 09:00",
    )
    w.enroll(
        "ann@x.org",
        "Fall 2018",
        "C",
        sector="district",
        status="completed",
        school="Trotter School",
        registered_at="2018-08-01 09:00",
    )
    w.enroll(
        "ann@x.org",
        "Fall 2018",
        "D",
        sector="charter",
        status="enrolled",
        school="Hale Academy",
        registered_at="2018-08-10 09:00",
    )
    w.enroll(
        "eve@x.org",
        "Fall 2018",
        "D",
        sector="district",
        status="completed",
        school="trotter school",
        registered_at="2018-08-03 09:00",
    )
    w.enroll("dan@x.org", "Fall 2018", "C", sector="district", status="withdrawn")

    w.enroll("cat@x.org", "Spring 2019", "E", sector="catholic", status="completed", school="Cristo Prep")
    w.enroll("fay@x.org", "Spring 2019", "E", sector="independent", status="completed")
    w.enroll("bob@x.org", "Spring 2019", "E", sector="charter", status="waitlisted")

    w.survey("Fall 2018", "C", "bob@x.org", rating=5, recommend=10, implement=5, lead_interest="yes")
    w.survey("Fall 2018", "C", "ann@x.org", rating=4, recommend=6, implement=3, lead_interest="no")
    w.survey("Fall 2018", "C", None, rating=3, recommend=9, implement=4, lead_interest="maybe")
    w.survey("Fall 2018", "D", "eve@x.org", rating=2)
    w.survey("Spring 2018", "A", None, rating=5, recommend=8)
    return w


def rows(frame) -> list[tuple]:
    """A frame's rows as tuples, blanks as None, for comparison with rows written out by hand."""
    return [tuple(None if value != value else value for value in row) for row in frame.itertuples(index=False)]


# --- generated warehouses (hypothesis) ----------------------------------------------------------

TERMS = ("Spring 2018", "Summer 2018", "Fall 2018", "Spring 2019", "Fall 2019")
PEOPLE = tuple(f"p{i}@x.org" for i in range(9))
SECTORS = ("district", "charter", "catholic", "independent", "other")
CATEGORIES = ("all_learners", "culturally_proficient", "rigorous_curricula", "other")
STATUSES = ("enrolled", "completed", "withdrawn", "waitlisted")
SCHOOLS = (None, "Hale Academy", "Cristo Prep", "Trotter School")


def warehouses():
    """A hypothesis strategy: a small collaborative (terms, courses, staff, enrollments, surveys) as a plan.

    Few people and terms, so people come back, change sector, lead after taking part and so on.
    ``build_plan(con, plan)`` writes it into a warehouse.
    """
    from hypothesis import strategies as st

    staff = st.tuples(st.sampled_from(PEOPLE), st.none() | st.sampled_from(SECTORS[:4]), st.sampled_from(SCHOOLS))
    course = st.fixed_dictionaries(
        {
            "term": st.sampled_from(TERMS),
            "category": st.sampled_from(CATEGORIES),
            "leaders": st.lists(staff, max_size=2, unique_by=lambda s: s[0]),
            "mentors": st.lists(st.sampled_from(PEOPLE), max_size=1),
        }
    )
    enrollment = st.fixed_dictionaries(
        {
            "person": st.sampled_from(PEOPLE),
            "course": st.integers(0, 7),
            "sector": st.sampled_from(SECTORS),
            "status": st.sampled_from(STATUSES),
            "school": st.sampled_from(SCHOOLS),
            "day": st.none() | st.integers(1, 3),
        }
    )
    survey = st.fixed_dictionaries(
        {
            "course": st.integers(0, 7),
            "person": st.none() | st.sampled_from(PEOPLE),
            "rating": st.none() | st.integers(1, 5),
            "recommend": st.none() | st.integers(0, 10),
            "implement": st.none() | st.integers(1, 5),
            "lead_interest": st.none() | st.sampled_from(("yes", "no", "maybe")),
        }
    )
    return st.fixed_dictionaries(
        {
            "courses": st.lists(course, min_size=1, max_size=8),
            "enrollments": st.lists(enrollment, max_size=30),
            "surveys": st.lists(survey, max_size=8),
        }
    )


def build_plan(con: duckdb.DuckDBPyConnection, plan: dict) -> None:
    """Write a plan drawn from ``warehouses()``; course indexes wrap, duplicate (course, person) rows are dropped."""
    w = WarehouseBuilder(con)
    w.school("Hale Academy", "charter")
    w.school("Cristo Prep", "catholic")
    courses = []
    for i, spec in enumerate(plan["courses"]):
        code = f"K{i}"
        w.course(spec["term"], code, spec["category"], leaders=spec["leaders"], mentors=spec["mentors"])
        courses.append((spec["term"], code))
    seen = set()
    for row in plan["enrollments"]:
        term, code = courses[row["course"] % len(courses)]
        if (code, row["person"]) in seen:
            continue
        seen.add((code, row["person"]))
        registered = f"{term_order(term) // 10}-01-0{row['day']} 09:00" if row["day"] else None
        w.enroll(
            row["person"],
            term,
            code,
            sector=row["sector"],
            status=row["status"],
            school=row["school"],
            registered_at=registered,
        )
    for row in plan["surveys"]:
        term, code = courses[row["course"] % len(courses)]
        answers = {k: row[k] for k in ("rating", "recommend", "implement", "lead_interest")}
        w.survey(term, code, row["person"], **answers)


def filters_strategy():
    """A hypothesis strategy for Filters: any mix of sectors, strands and a term range (maybe none)."""
    from hypothesis import strategies as st

    from analytics.filters import Filters

    return st.builds(
        Filters.parse,
        sectors=st.none() | st.lists(st.sampled_from(SECTORS), min_size=1, max_size=2),
        categories=st.none() | st.lists(st.sampled_from(CATEGORIES), min_size=1, max_size=2),
        term_from=st.none() | st.sampled_from(TERMS),
        term_to=st.none() | st.sampled_from(TERMS),
    )
