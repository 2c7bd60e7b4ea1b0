"""The sample's story as the warehouse holds it after `make run` imports data/sample (SQL on canonical tables)."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from test_sample_story import REPO, _order

from analytics import synth, warehouse
from analytics.ingest import ingest_files, possible_duplicates
from analytics.synth.plan import sample_plan
from analytics.synth.world import simulate


@pytest.fixture(scope="module")
def loaded(sample_warehouse, sample_readonly):
    """The warehouse with every sample file imported the way `make run` does it (the session's shared one)."""
    return sample_readonly, sample_warehouse.results


def _one(con, sql: str, params: dict | None = None):
    return con.execute(sql, params or {}).fetchone()[0]


def test_warehouse_pilot_courses_and_growth(loaded):
    con, _ = loaded
    assert _one(con, "select count(*) from courses where term = 'Spring 2017'") == 6
    by_spring_2018 = _one(con, "select count(*) from courses where term_order <= $t", {"t": _order("Spring 2018")})
    assert 36 <= by_spring_2018 <= 45
    assert _one(con, "select max(term_order) from courses") >= _order("Spring 2020")
    assert _one(con, "select count(distinct term) from courses where term like 'Summer%'") >= 2
    assert _one(con, "select count(distinct category) from courses where category <> 'other'") == 3


def test_warehouse_spring_2018_participants_and_sectors(loaded):
    con, _ = loaded
    participants = _one(
        con,
        "select count(distinct person_id) from enrollments "
        "where term = 'Spring 2018' and status in ('enrolled', 'completed')",
    )
    assert participants > 250
    sectors = {r[0] for r in con.execute("select distinct sector from enrollments").fetchall()}
    assert sectors == {"district", "charter", "catholic", "independent"}  # no 'other': every sector resolves


def test_warehouse_returning_participants_leaders_and_mentors(loaded):
    con, _ = loaded
    returning = _one(
        con,
        """
        with counting as (
            select person_id, term_order from enrollments where status in ('enrolled', 'completed')
        ), firsts as (
            select person_id, min(term_order) as first_term from counting group by person_id
        )
        select count(distinct c.person_id) from counting c join firsts f using (person_id)
        where c.term_order > f.first_term
        """,
    )
    assert returning > 300
    grown = _one(
        con,
        """
        select count(distinct s.person_id)
        from course_staff s
        join courses c using (course_id)
        join enrollments e on e.person_id = s.person_id
            and e.term_order < c.term_order and e.status in ('enrolled', 'completed')
        where s.role = 'leader'
        """,
    )
    assert grown >= 20
    mentors = _one(con, "select count(distinct person_id) from course_staff where role = 'mentor'")
    assert mentors >= 10


def test_warehouse_surveys_and_rejects(loaded):
    con, results = loaded
    assert _one(con, "select count(*) from survey_responses") > 1000
    assert _one(con, "select count(*) from survey_responses where person_id is null") > 50
    assert 3 <= _one(con, "select count(*) from rejected_rows") <= 15
    assert all(r.loaded + r.rejected == r.rows_read for r in results)
    assert sum(r.rejected for r in results) == 5  # exactly the planted bad rows, nothing else


def test_warehouse_merges_the_two_emails_and_lists_the_namesakes(loaded):
    con, _ = loaded
    alias, primary = pd.read_csv(REPO / "data" / "identity_overrides.csv").iloc[0]
    persons = con.execute(
        "select distinct person_id from enrollments where email in ($a, $p)", {"a": alias, "p": primary}
    ).fetchall()
    assert persons == [(primary,)]
    world = simulate(synth.DEFAULT_SEED, sample_plan())
    namesakes = set(world.people["email"].iloc[list(world.twins)])
    listed = set(re.findall(r"[\w.+-]+@[\w.-]+", possible_duplicates(con).to_string()))
    assert listed == namesakes  # the two namesakes, and nobody else


def test_a_generated_benchmark_collaborative_imports_with_only_the_planted_rejects(tmp_path):
    synth.generate(tmp_path / "exports", enrollments=20_000, seed=5)
    con = warehouse.connect(tmp_path / "warehouse.duckdb")
    try:
        files = sorted((tmp_path / "exports").glob("*.csv")) + sorted((tmp_path / "exports").glob("*.xlsx"))
        results = ingest_files(con, files, identity_file=tmp_path / "no_overrides.csv")
        enrollments = [r for r in results if r.kind == "enrollments"]
        assert sum(r.rows_read for r in enrollments) == 20_000
        assert sum(r.rejected for r in enrollments) == 3
        assert sum(r.rejected for r in results) == 5
        assert _one(con, "select count(*) from enrollments") == 20_000 - 3
    finally:
        con.close()
