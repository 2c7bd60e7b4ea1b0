"""Tables read from a mart prepared for "no sector chosen" give what their members rows give.

With no sector or strand chosen, participation_by_term, participation_by_year and leader_pipeline
count their leaders and mentors from the staff terms (analytics/sql/staging/12_stg_staff_terms.sql);
with no sector chosen, course_mix reads the course totals (12_stg_course_totals.sql). With a sector
chosen, all of them read the members rows (counted_staff, pipeline_staff, counted_course_sectors).
Choosing every sector the data has counts the same people as choosing none, so the two must agree.
survey_by_course with no sector chosen reads the prepared per-course scores
(19_survey_scores_by_course.sql); a sector filter drops anonymous responses, so its other path is
checked against the scores worked out at query time from the survey sums (survey_scores).
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


# survey_by_course as it was worked out before the prepared rows: the scores of every course's sums
# over all sectors, joined to the catalog at query time
SCORES_AT_QUERY_TIME = """
select k.term, k.course_code, k.course_title, k.category, s.* exclude (course_no, term_order, category)
from survey_scores('mart_', null, $categories, $term_from, $term_to, true) as s
inner join mart_course_numbers as k on k.course_no = s.course_no
order by k.term_order, k.place_in_term
"""


@pytest.mark.parametrize("strands", [{}, {"categories": ["all_learners"]}], ids=["all", "strand"])
@pytest.mark.parametrize("terms", TERMS, ids=lambda t: "-".join(t) or "all")
def test_the_prepared_survey_scores_are_the_scores_of_the_survey_sums(sample, strands, terms):
    filters = Filters.parse(**strands, **terms)
    prepared = compute(sample, "survey_by_course", filters)
    params = {k: v for k, v in filters.params().items() if k in ("categories", "term_from", "term_to")}
    worked_out = sample.execute(SCORES_AT_QUERY_TIME, params).df()
    assert len(prepared) > 0 and prepared["avg_rating"].notna().any() and (prepared["completions"] > 0).any()
    assert list(prepared.columns) == list(worked_out.columns)
    for column in prepared.columns:  # values alike, whatever each path's dtypes
        assert prepared[column].astype(object).where(prepared[column].notna(), None).tolist() == (
            worked_out[column].astype(object).where(worked_out[column].notna(), None).tolist()
        ), column
