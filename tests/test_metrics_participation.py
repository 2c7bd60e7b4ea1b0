"""Participation tables on the hand-built world of builders.build_small_world, answers worked out by hand."""

from __future__ import annotations

from builders import rows

from analytics.filters import Filters
from analytics.metrics import compute

CHARTER = Filters.parse(sectors=["charter"])


def test_participation_by_term_counts_only_enrolled_and_completed(world):
    # Spring 2018: ann, bob (twice), cat; dan withdrew and eve waited, so neither counts.
    # Fall 2018: eve is new (waitlisting is not taking part); ann and bob return.
    # Leaders: lee, kim / ann, pat, bob / lee, zed (zed and lee never took part); mentor mo.
    assert rows(compute(world, "participation_by_term")) == [
        ("Spring 2018", 2, 4, 3, 3, 0, 3, 2, 1),
        ("Fall 2018", 2, 4, 3, 1, 2, 2, 3, 1),
        ("Spring 2019", 1, 2, 2, 1, 1, 1, 2, 0),
    ]


def test_sector_filter_follows_the_participants_sector_in_each_term(world):
    # ann is district in Spring 2018 but charter in Fall 2018 (her latest registration there),
    # so both her Fall 2018 enrollments count under charter, and she is returning, not new.
    # The courses counted keep all their leaders and mentors.
    assert rows(compute(world, "participation_by_term", CHARTER)) == [
        ("Spring 2018", 2, 2, 1, 1, 0, 1, 2, 1),
        ("Fall 2018", 2, 3, 2, 0, 2, 2, 3, 1),
    ]


def test_category_and_term_filters(world):
    only = Filters.parse(categories=["culturally_proficient"], term_from="Fall 2018")
    # Spring 2018 is outside the range; Fall 2018 has no culturally proficient course.
    assert rows(compute(world, "participation_by_term", only)) == [("Spring 2019", 1, 2, 2, 1, 1, 1, 2, 0)]


def test_a_filter_that_excludes_everything_gives_an_empty_table_with_its_columns(world):
    frame = compute(world, "participation_by_term", Filters.parse(sectors=["other"]))
    assert frame.empty
    assert list(frame.columns) == [
        "term",
        "courses",
        "enrollments",
        "participants",
        "new_participants",
        "returning_participants",
        "schools",
        "leaders",
        "mentors",
    ]


def test_participation_by_sector(world):
    assert rows(compute(world, "participation_by_sector")) == [
        ("Spring 2018", "catholic", 1, 1, 1, 0),
        ("Spring 2018", "charter", 2, 1, 1, 0),
        ("Spring 2018", "district", 1, 1, 1, 0),
        ("Fall 2018", "charter", 3, 2, 0, 2),
        ("Fall 2018", "district", 1, 1, 1, 0),
        ("Spring 2019", "catholic", 1, 1, 0, 1),
        ("Spring 2019", "independent", 1, 1, 1, 0),
    ]


def test_participation_by_category(world):
    assert rows(compute(world, "participation_by_category")) == [
        ("Spring 2018", "all_learners", 1, 2, 2),
        ("Spring 2018", "culturally_proficient", 1, 2, 2),
        ("Fall 2018", "all_learners", 1, 2, 2),
        ("Fall 2018", "rigorous_curricula", 1, 2, 2),
        ("Spring 2019", "culturally_proficient", 1, 2, 2),
    ]


def test_returning_by_term(world):
    assert rows(compute(world, "returning_by_term")) == [
        ("Spring 2018", 3, 3, 0, 0.0),
        ("Fall 2018", 3, 1, 2, 0.6667),
        ("Spring 2019", 2, 1, 1, 0.5),
    ]


def test_new_and_returning_are_decided_over_all_strands(world):
    # With only rigorous curricula (course D, Fall 2018) ann is still returning: she took part
    # in Spring 2018 in another strand.
    assert rows(compute(world, "returning_by_term", Filters.parse(categories=["rigorous_curricula"]))) == [
        ("Fall 2018", 2, 1, 1, 0.5),
    ]


def test_enrollment_status_counts_every_status(world):
    assert rows(compute(world, "enrollment_status")) == [
        ("Spring 2018", "completed", 3),
        ("Spring 2018", "enrolled", 1),
        ("Spring 2018", "waitlisted", 1),
        ("Spring 2018", "withdrawn", 1),
        ("Fall 2018", "completed", 3),
        ("Fall 2018", "enrolled", 1),
        ("Fall 2018", "withdrawn", 1),
        ("Spring 2019", "completed", 2),
        ("Spring 2019", "waitlisted", 1),
    ]


def test_enrollment_status_sector_is_the_participants_else_the_rows_own(world):
    # ann's district-labelled C enrollment counts as charter (her sector in Fall 2018); bob's
    # Spring 2019 row is waitlisted, he took part in nothing then, so its own sector decides.
    assert rows(compute(world, "enrollment_status", CHARTER)) == [
        ("Spring 2018", "completed", 1),
        ("Spring 2018", "enrolled", 1),
        ("Fall 2018", "completed", 2),
        ("Fall 2018", "enrolled", 1),
        ("Spring 2019", "waitlisted", 1),
    ]
