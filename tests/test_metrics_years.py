"""participation_by_year on a hand-built world, answers worked out by hand; school-year arithmetic."""

from __future__ import annotations

import pytest
from builders import WarehouseBuilder, rows

from analytics.filters import Filters
from analytics.metrics import compute
from analytics.school_years import SchoolYear, parse_school_year, school_year_of
from analytics.vocab import parse_term


@pytest.fixture
def world(con):
    w = WarehouseBuilder(con)
    w.course("Spring 2019", "A", leaders=["lee@x.org"])
    w.course("Summer 2019", "S", leaders=["lee@x.org"])
    w.course("Fall 2019", "B", "culturally_proficient", leaders=["kim@x.org"], mentors=["mo@x.org"])
    w.course("Winter 2020", "W", leaders=["ann@x.org"])
    w.course("Spring 2020", "C", leaders=["lee@x.org"])
    w.course("Summer 2020", "U", leaders=["bob@x.org"], mentors=["mo@x.org"])
    w.enroll("ann@x.org", "Spring 2019", "A", school="Hill School", status="completed")
    w.enroll("ann@x.org", "Fall 2019", "B", school="Hill School", status="completed")
    w.enroll("ann@x.org", "Spring 2020", "C", school="Hill School")
    w.enroll("bob@x.org", "Summer 2019", "S", school="Oak School", status="completed")
    w.enroll("bob@x.org", "Spring 2020", "C", school="Oak School")
    w.enroll("cat@x.org", "Fall 2019", "B", school="Pine School", sector="charter", status="withdrawn")
    w.enroll("cat@x.org", "Winter 2020", "W", school="Pine School", sector="charter")
    w.enroll("dan@x.org", "Summer 2020", "U", school="Oak School")
    w.enroll("ann@x.org", "Summer 2020", "U", school="Hill School")
    return con


def test_people_count_once_a_year_and_summer_opens_the_year(world):
    # 2019-20 = Summer 2019 .. Spring 2020: courses S, B, W, C; enrollments ann B, ann C, bob S, bob C, cat W
    # (cat's withdrawal counts nowhere). People ann, bob, cat once each, though the terms hold 5 between them;
    # bob (first term Summer 2019) and cat are new, ann (Spring 2019, the year before) returns.
    # Leaders lee (twice), kim, ann; mentor mo. Summer 2020 opens 2020-21: dan new, ann returning.
    assert rows(compute(world, "participation_by_year")) == [
        ("2018-19", 1, 1, 1, 1, 0, 1, 1, 0),
        ("2019-20", 4, 5, 3, 2, 1, 3, 3, 1),
        ("2020-21", 1, 2, 2, 1, 1, 2, 1, 1),
    ]
    by_term = compute(world, "participation_by_term")
    in_year = by_term[by_term.term.isin(["Summer 2019", "Fall 2019", "Winter 2020", "Spring 2020"])]
    assert in_year.participants.sum() == 5  # the sum over terms counts ann and bob twice; the year does not


def test_sector_filter_uses_the_participants_sector_in_each_term(world):
    assert rows(compute(world, "participation_by_year", Filters.parse(sectors=["charter"]))) == [
        ("2019-20", 1, 1, 1, 1, 0, 1, 1, 0),
    ]


def test_term_range_counts_only_the_chosen_terms_but_never_changes_who_is_new(world):
    # From Fall 2019: Summer 2019 drops out of 2019-20 (course S, bob's enrollment there), but bob's first
    # term is still Summer 2019, inside the year, so he is still new.
    assert rows(compute(world, "participation_by_year", Filters.parse(term_from="Fall 2019"))) == [
        ("2019-20", 3, 4, 3, 2, 1, 3, 3, 1),
        ("2020-21", 1, 2, 2, 1, 1, 2, 1, 1),
    ]


def test_strand_filter(world):
    only = Filters.parse(categories=["culturally_proficient"])
    assert rows(compute(world, "participation_by_year", only)) == [("2019-20", 1, 1, 1, 0, 1, 1, 1, 1)]


def test_nothing_counted_gives_an_empty_table_with_its_columns(world):
    frame = compute(world, "participation_by_year", Filters.parse(sectors=["catholic"]))
    assert frame.empty
    assert list(frame.columns)[0] == "school_year"


@pytest.mark.parametrize(
    ("term", "year"),
    [("Summer 2019", "2019-20"), ("Fall 2019", "2019-20"), ("Winter 2020", "2019-20"), ("Spring 2020", "2019-20")]
    + [("Spring 2019", "2018-19"), ("Summer 2020", "2020-21"), ("Fall 1999", "1999-00")],
)
def test_school_year_of_a_term(term, year):
    assert school_year_of(parse_term(term)).label == year


def test_a_school_year_holds_its_four_terms_in_order():
    assert [t.label for t in SchoolYear(2019).terms] == ["Summer 2019", "Fall 2019", "Winter 2020", "Spring 2020"]


@pytest.mark.parametrize("text", ["2019-20", "2019-2020", "2019/20", "SY2019-20", " 2019 – 20 "])
def test_school_year_spellings(text):
    assert parse_school_year(text) == SchoolYear(2019)


@pytest.mark.parametrize("text", ["2019-21", "2019", "Fall 2019", "19-20", "", None, "2019-2021"])
def test_not_a_school_year(text):
    assert parse_school_year(text) is None
