"""The staff counts read from the staff terms (staff_terms) are those of the staff rows.

With no sector or strand chosen, participation_by_term, participation_by_year and leader_pipeline
count their leaders and mentors from the staff terms (analytics/sql/staging/12_stg_staff_terms.sql);
with a sector chosen, from the staff rows themselves (counted_staff, pipeline_staff). Choosing every
sector the data has counts the same people as choosing none, so the two readings must agree.
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
    connection = warehouse.connect(sample_copy(tmp_path_factory.mktemp("staff-counts")))
    yield connection
    connection.close()


def test_the_sample_has_staff_in_every_sector_it_has(sample):
    sectors = {row[0] for row in sample.execute("select distinct sector from mart_course_sectors").fetchall()}
    assert sectors <= set(SECTORS)
    (people,) = sample.execute("select count(*) from mart_staff_terms").fetchone()
    (rows,) = sample.execute(
        "select count(*) from (select distinct term_order, role, person_no from mart_course_staff"
        " where course_no in (select course_no from mart_course_sectors))"
    ).fetchone()
    assert people == rows > 0


@pytest.mark.parametrize("name", STAFF_TABLES)
@pytest.mark.parametrize("terms", TERMS, ids=lambda t: "-".join(t) or "all")
def test_the_staff_terms_count_the_staff_rows(sample, name, terms):
    from_terms = compute(sample, name, Filters.parse(**terms))
    from_rows = compute(sample, name, Filters.parse(sectors=list(SECTORS), **terms))
    assert len(from_terms) > 0
    assert (from_terms["leaders"] > 0).any()
    pd.testing.assert_frame_equal(from_terms, from_rows, check_exact=True)
