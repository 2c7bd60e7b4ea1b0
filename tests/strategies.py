"""Hypothesis strategies: small generated collaboratives (as plans) and filters, for the property tests.

Few people and terms, so people come back, change sector, lead after taking part and so on.
Sectors, strands and statuses are the vocabulary's, so a new strand is drawn here too.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
from builders import WarehouseBuilder, term_order

from analytics import warehouse
from analytics.vocab import CATEGORIES, SECTORS, STATUSES

TERMS = ("Spring 2018", "Summer 2018", "Fall 2018", "Spring 2019", "Fall 2019")
PEOPLE = tuple(f"p{i}@x.org" for i in range(9))
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


def planned_warehouse(plan: dict, path: str | Path = ":memory:") -> duckdb.DuckDBPyConnection:
    """A new warehouse at ``path`` (in memory by default) holding ``plan``, a draw of ``warehouses()``."""
    con = warehouse.connect(path)
    build_plan(con, plan)
    return con


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
