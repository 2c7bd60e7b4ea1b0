"""Who learns with whom: cross-sector exchange, course mix and schools reached, answers worked out by hand."""

from __future__ import annotations

from builders import WarehouseBuilder, rows

from analytics.filters import Filters
from analytics.metrics import compute


def test_cross_sector_exchange(world):
    # Leader sectors: A district (catalog); B charter (kim's school); C district and catholic
    # (two leaders: each C enrollment counts once under each); D charter (bob's own latest
    # counting enrollment); E district and other (zed has no sector anywhere).
    assert rows(compute(world, "cross_sector_exchange")) == [
        ("catholic", "charter", 2),
        ("charter", "catholic", 1),
        ("charter", "charter", 2),
        ("charter", "district", 1),
        ("district", "catholic", 1),
        ("district", "charter", 3),
        ("district", "district", 1),
        ("district", "independent", 1),
        ("other", "catholic", 1),
        ("other", "independent", 1),
    ]


def test_cross_sector_exchange_filters_participants_not_leaders(world):
    assert rows(compute(world, "cross_sector_exchange", Filters.parse(sectors=["catholic"]))) == [
        ("charter", "catholic", 1),
        ("district", "catholic", 1),
        ("other", "catholic", 1),
    ]


def test_a_course_led_twice_from_one_sector_counts_once(con):
    w = WarehouseBuilder(con)
    w.course("Spring 2018", "A", leaders=[("a@x.org", "charter", None), ("b@x.org", "charter", None)])
    w.enroll("p@x.org", "Spring 2018", "A", sector="district")
    assert rows(compute(con, "cross_sector_exchange")) == [("charter", "district", 1)]


def test_course_mix(world):
    assert rows(compute(world, "course_mix")) == [
        ("Spring 2018", "A", "Course A", "all_learners", "district", 2, 2, 0.5),
        ("Spring 2018", "B", "Course B", "culturally_proficient", "charter", 2, 2, 0.5),
        ("Fall 2018", "C", "Course C", "all_learners", "catholic;district", 2, 1, 0.0),
        ("Fall 2018", "D", "Course D", "rigorous_curricula", "charter", 2, 2, 0.5),
        ("Spring 2019", "E", "Course E", "culturally_proficient", "district;other", 2, 2, 0.5),
    ]


def test_mixing_index_is_gini_simpson_over_participants(con):
    w = WarehouseBuilder(con)
    w.course("Fall 2019", "M", "other")
    for person, sector in (("a", "district"), ("b", "district"), ("c", "charter")):
        w.enroll(f"{person}@x.org", "Fall 2019", "M", sector=sector)
    # 1 - ((2/3)^2 + (1/3)^2) = 4/9; a course without leaders has blank leader sectors.
    assert rows(compute(con, "course_mix")) == [("Fall 2019", "M", "Course M", "other", None, 3, 2, 0.4444)]


def test_schools_reached(world):
    # Schools by normalised name: 'Trotter School' and 'trotter school' are one school.
    assert rows(compute(world, "schools_reached")) == [
        ("Spring 2018", "catholic", 1, 1, 1),
        ("Spring 2018", "charter", 1, 1, 1),
        ("Spring 2018", "district", 1, 1, 1),
        ("Fall 2018", "charter", 2, 0, 2),
        ("Fall 2018", "district", 1, 0, 1),
        ("Spring 2019", "catholic", 1, 0, 1),
    ]


def test_new_schools_are_new_over_all_history(world):
    # Trotter School first appears in Spring 2018 (ann, district), so under charter in Fall 2018
    # it is reached but not new; the cumulative count keeps Spring 2018's Hale Academy.
    assert rows(compute(world, "schools_reached", Filters.parse(sectors=["charter"], term_from="Fall 2018"))) == [
        ("Fall 2018", "charter", 2, 0, 2),
    ]
