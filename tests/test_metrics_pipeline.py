"""Cohorts and the leader pipeline on hand-built warehouses, answers worked out by hand."""

from __future__ import annotations

from builders import WarehouseBuilder, rows

from analytics.filters import Filters
from analytics.metrics import compute

CHARTER = Filters.parse(sectors=["charter"])


def test_cohort_retention(world):
    # Spring 2018 cohort: ann, bob, cat. Fall 2018: eve (her Spring 2018 row was waitlisted). Spring 2019: fay.
    assert rows(compute(world, "cohort_retention")) == [
        ("Spring 2018", 3, "Spring 2018", 3, 1.0),
        ("Spring 2018", 3, "Fall 2018", 2, 0.6667),
        ("Spring 2018", 3, "Spring 2019", 1, 0.3333),
        ("Fall 2018", 1, "Fall 2018", 1, 1.0),
        ("Fall 2018", 1, "Spring 2019", 0, 0.0),
        ("Spring 2019", 1, "Spring 2019", 1, 1.0),
    ]


def test_cohort_members_are_chosen_in_the_cohort_term_only(world):
    # Under charter only bob qualifies (in Spring 2018); ann's charter term is Fall 2018, not her
    # first, so she is in no charter cohort. bob counts as active in any sector later.
    assert rows(compute(world, "cohort_retention", CHARTER)) == [
        ("Spring 2018", 1, "Spring 2018", 1, 1.0),
        ("Spring 2018", 1, "Fall 2018", 1, 1.0),
        ("Spring 2018", 1, "Spring 2019", 0, 0.0),
    ]


def test_cohort_activity_counts_in_any_strand(world):
    # Culturally proficient in Spring 2018: bob and cat (course B). bob's Fall 2018 course is
    # all learners, cat's Spring 2019 course is culturally proficient: both count as active.
    assert rows(compute(world, "cohort_retention", Filters.parse(categories=["culturally_proficient"]))) == [
        ("Spring 2018", 2, "Spring 2018", 2, 1.0),
        ("Spring 2018", 2, "Fall 2018", 1, 0.5),
        ("Spring 2018", 2, "Spring 2019", 1, 0.5),
        ("Spring 2019", 1, "Spring 2019", 1, 1.0),
    ]


def test_term_filters_choose_cohorts_and_terms_shown(world):
    shown = Filters.parse(term_from="Fall 2018", term_to="Fall 2018")
    assert rows(compute(world, "cohort_retention", shown)) == [("Fall 2018", 1, "Fall 2018", 1, 1.0)]


def test_leader_pipeline(world):
    # Fall 2018: ann, pat, bob all lead for the first time; ann and bob took part before.
    # Spring 2019: lee led before (not new); zed is new; neither ever took part.
    assert rows(compute(world, "leader_pipeline")) == [
        ("Spring 2018", 3, 2, 1, 2, 0, 2, 1),
        ("Fall 2018", 3, 3, 1, 3, 2, 5, 1),
        ("Spring 2019", 2, 2, 0, 1, 0, 6, 1),
    ]


def test_leader_pipeline_under_a_sector_filter(world):
    assert rows(compute(world, "leader_pipeline", CHARTER)) == [
        ("Spring 2018", 1, 2, 1, 2, 0, 2, 1),
        ("Fall 2018", 2, 3, 1, 3, 2, 5, 1),
    ]


def test_cumulative_counts_do_not_restart_at_term_from(world):
    assert rows(compute(world, "leader_pipeline", Filters.parse(term_from="Spring 2019"))) == [
        ("Spring 2019", 2, 2, 0, 1, 0, 6, 1),
    ]


def test_pipeline_conversion(world):
    # ann and bob (Spring 2018 cohort) lead in Fall 2018: one term later.
    assert rows(compute(world, "pipeline_conversion")) == [
        ("Spring 2018", 3, 2, 0.6667, 1.0),
        ("Fall 2018", 1, 0, 0.0, None),
        ("Spring 2019", 1, 0, 0.0, None),
    ]


def test_median_terms_counts_positions_of_terms_present_and_ignores_leading_first(con):
    w = WarehouseBuilder(con)
    # Terms present: Spring 2018, Fall 2018, Fall 2019 (no 2019 spring or summer at all).
    w.course("Spring 2018", "A", leaders=["gus@x.org"])
    w.course("Fall 2018", "B", leaders=["amy@x.org"])
    w.course("Fall 2019", "C", leaders=["ben@x.org", "gus@x.org"])
    for person in ("amy@x.org", "ben@x.org", "cal@x.org"):
        w.enroll(person, "Spring 2018", "A", status="completed")
    w.enroll("gus@x.org", "Fall 2018", "B")
    # amy leads one term later; ben two positions later (Fall 2019 follows Fall 2018 directly);
    # gus led in Spring 2018, before his first term (Fall 2018), which does not count, then in
    # Fall 2019, one position after his first term.
    assert rows(compute(con, "pipeline_conversion")) == [
        ("Spring 2018", 3, 2, 0.6667, 1.5),
        ("Fall 2018", 1, 1, 1.0, 1.0),
    ]
