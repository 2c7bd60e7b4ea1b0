"""Tables read from a mart prepared for "no sector chosen" give what their members rows give.

With no sector or strand chosen, participation_by_term, participation_by_year and leader_pipeline
count their leaders and mentors from the staff terms (analytics/sql/staging/12_stg_staff_terms.sql);
with no sector chosen, course_mix reads the course totals (12_stg_course_totals.sql). With a sector
chosen, all of them read the members rows (counted_staff, pipeline_staff, counted_course_sectors).
Choosing every sector the data has counts the same people as choosing none, so the two must agree.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analytics import warehouse
from analytics.filters import Filters
from analytics.metrics import compute
from analytics.vocab import SECTORS

STAFF_TABLES = ("participation_by_term", "participation_by_year", "leader_pipeline")
TERMS = [{}, {"term_to": "Fall 2019"}, {"term_from": "Fall 2018"}, {"term_from": "Spring 2019", "term_to": "Fall 2020"}]


@pytest.fixture(scope="module")
def sample(sample_copy, tmp_path_factory):
    connection = warehouse.connect(sample_copy(tmp_path_factory.mktemp("unfiltered-paths")))
    yield connection
    connection.close()


def test_every_sector_of_the_sample_can_be_chosen(sample):
    sectors = {row[0] for row in sample.execute("select distinct sector from mart_course_sectors").fetchall()}
    assert sectors <= set(SECTORS)
    (rows,) = sample.execute("select count(*) from mart_staff_terms").fetchone()
    (staff,) = sample.execute(
        "select count(*) from (select distinct term_order, role, person_no from mart_course_staff"
        " where course_no in (select course_no from mart_course_sectors))"
    ).fetchone()
    assert rows == staff > 0


@pytest.mark.parametrize("name", STAFF_TABLES)
@pytest.mark.parametrize("terms", TERMS, ids=lambda t: "-".join(t) or "all")
def test_the_staff_terms_count_the_staff_rows(sample, name, terms):
    from_terms = compute(sample, name, Filters.parse(**terms))
    from_rows = compute(sample, name, Filters.parse(sectors=list(SECTORS), **terms))
    assert len(from_terms) > 0
    assert (from_terms["leaders"] > 0).any()
    pd.testing.assert_frame_equal(from_terms, from_rows, check_exact=True)


@pytest.mark.parametrize("strands", [{}, {"categories": ["all_learners"]}], ids=["all", "strand"])
@pytest.mark.parametrize("terms", TERMS, ids=lambda t: "-".join(t) or "all")
def test_the_course_totals_are_the_course_sector_rows_added_up(sample, strands, terms):
    from_totals = compute(sample, "course_mix", Filters.parse(**strands, **terms))
    from_rows = compute(sample, "course_mix", Filters.parse(sectors=list(SECTORS), **strands, **terms))
    assert len(from_totals) > 0
    assert (from_totals["sectors_represented"] > 1).any()
    assert from_totals["leader_sectors"].notna().any()
    pd.testing.assert_frame_equal(from_totals, from_rows, check_exact=True)
