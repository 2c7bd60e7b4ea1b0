"""Survey tables on the hand-built world, answers worked out by hand."""

from __future__ import annotations

from builders import WarehouseBuilder, rows

from analytics.filters import Filters
from analytics.metrics import compute

BLANK = (None, None, None, None)


def test_survey_by_course(world):
    # C: ratings 5, 4, 3; recommend 10 (promoter), 6 (detractor), 9 (promoter) -> 100 * 1/3;
    # implement 5, 3, 4 -> 2 of 3 agree; lead yes / no / maybe -> 1 of 3. Three responses for
    # two completions. D: only a rating was answered, so the other rates are blank.
    assert rows(compute(world, "survey_by_course")) == [
        ("Spring 2018", "A", "Course A", "all_learners", 1, 2, 0.5, 5.0, 0.0, None, None),
        ("Spring 2018", "B", "Course B", "culturally_proficient", 0, 1, 0.0, *BLANK),
        ("Fall 2018", "C", "Course C", "all_learners", 3, 2, 1.5, 4.0, 33.3, 0.6667, 0.3333),
        ("Fall 2018", "D", "Course D", "rigorous_curricula", 1, 1, 1.0, 2.0, None, None, None),
        ("Spring 2019", "E", "Course E", "culturally_proficient", 0, 2, 0.0, *BLANK),
    ]


def test_sector_filter_drops_anonymous_responses(world):
    # Charter: bob and ann (charter in Fall 2018) answered for C; the anonymous answer and eve's
    # (district) do not count. Completions under charter: bob's A; bob's and ann's C.
    assert rows(compute(world, "survey_by_course", Filters.parse(sectors=["charter"]))) == [
        ("Spring 2018", "A", "Course A", "all_learners", 0, 1, 0.0, *BLANK),
        ("Fall 2018", "C", "Course C", "all_learners", 2, 2, 1.0, 4.5, 0.0, 0.5, 0.5),
    ]


def test_survey_by_category(world):
    assert rows(compute(world, "survey_by_category")) == [
        ("Spring 2018", "all_learners", 1, 2, 0.5, 5.0, 0.0, None, None),
        ("Spring 2018", "culturally_proficient", 0, 1, 0.0, *BLANK),
        ("Fall 2018", "all_learners", 3, 2, 1.5, 4.0, 33.3, 0.6667, 0.3333),
        ("Fall 2018", "rigorous_curricula", 1, 1, 1.0, 2.0, None, None, None),
        ("Spring 2019", "culturally_proficient", 0, 2, 0.0, *BLANK),
    ]


def test_survey_by_category_pools_responses_across_courses(con):
    w = WarehouseBuilder(con)
    w.course("Fall 2019", "P", "rigorous_curricula")
    w.course("Fall 2019", "Q", "rigorous_curricula")
    w.survey("Fall 2019", "P", rating=5, recommend=10)
    w.survey("Fall 2019", "Q", rating=2, recommend=0)
    w.survey("Fall 2019", "Q", rating=2, recommend=7)
    # Pooled: (5 + 2 + 2) / 3 = 3.0 (not the mean of course means, 3.5); nps (1 - 1) / 3 = 0.
    # No completions: the response rate is blank.
    assert rows(compute(con, "survey_by_category")) == [
        ("Fall 2019", "rigorous_curricula", 3, 0, None, 3.0, 0.0, None, None),
    ]
