"""Fair comparisons and periods in progress, as pure functions of table frames (live or released)."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics import comparisons as cmp

COLUMNS = ["term", "courses", "participants", "returning_participants", "schools", "leaders"]


def _by_term(rows):
    return pd.DataFrame(rows, columns=COLUMNS)


SAMPLE_LIKE = _by_term(
    [
        ("Fall 2019", 27, 448, 190, 55, 34),
        ("Spring 2020", 28, 445, 187, 56, 33),
        ("Summer 2020", 8, 136, 58, 45, 11),
        ("Fall 2020", 30, 517, 211, 57, 35),
    ]
)


def test_a_fall_is_compared_with_the_fall_before_never_the_summer():
    numbers = {h.key: h for h in cmp.headline_numbers(SAMPLE_LIKE)}
    assert numbers["participants"].previous_term == "Fall 2019"
    assert numbers["participants"].change == 517 - 448
    assert numbers["courses"].change == 3
    assert numbers["participants"].basis == "vs Fall 2019"


def test_no_same_season_a_year_earlier_means_no_arrow_and_says_so():
    numbers = cmp.headline_numbers(SAMPLE_LIKE[SAMPLE_LIKE.term != "Fall 2019"])
    assert all(h.previous_term is None and h.change is None for h in numbers)
    assert numbers[0].basis == "no Fall 2019 to compare with"


def test_a_term_in_progress_is_marked_so_far():
    numbers = cmp.headline_numbers(SAMPLE_LIKE, in_progress="Fall 2020")
    assert all(h.in_progress for h in numbers)
    assert numbers[0].basis == "so far, vs Fall 2019"
    assert not cmp.headline_numbers(SAMPLE_LIKE, in_progress="Summer 2020")[0].in_progress


def test_withheld_cells_arrive_as_na_and_give_no_arrow():
    released = SAMPLE_LIKE.astype({"participants": "Int64", "leaders": "Int64"})
    released.loc[3, "participants"] = pd.NA
    released.loc[0, "leaders"] = pd.NA
    numbers = {h.key: h for h in cmp.headline_numbers(released)}
    assert numbers["participants"].value is None and numbers["participants"].change is None
    assert numbers["returning_rate"].value is None  # computed from a withheld count: withheld too
    assert numbers["leaders"].value == 35 and numbers["leaders"].change is None
    assert numbers["schools"].change == 2


YEARS = pd.DataFrame(
    [("2018-19", 52, 737, 177, 57, 53), ("2019-20", 62, 846, 264, 58, 67), ("2020-21", 38, 623, 239, 57, 44)],
    columns=["school_year", "courses", "participants", "returning_participants", "schools", "leaders"],
)


def test_a_school_year_is_compared_with_the_year_before():
    numbers = {h.key: h for h in cmp.year_headlines(YEARS.iloc[:2])}
    assert numbers["participants"].term == "2019-20"
    assert numbers["participants"].previous_term == "2018-19"
    assert numbers["participants"].change == 846 - 737
    assert numbers["returning_rate"].value == round(264 / 846, 4)


def test_a_school_year_in_progress_is_not_compared():
    numbers = cmp.year_headlines(YEARS, in_progress="2020-21")
    assert numbers[0].term == "2020-21" and numbers[0].in_progress
    assert all(h.change is None for h in numbers)
    assert numbers[0].basis == "in progress: compared once the year is over"


def _status(rows):
    return pd.DataFrame(rows, columns=["term", "status", "enrollments"])


def test_the_term_in_progress_is_the_latest_with_enrollments_and_no_completions():
    status = _status(
        [
            ("Summer 2020", "completed", 122),
            ("Summer 2020", "enrolled", 18),
            ("Fall 2020", "enrolled", 542),
            ("Fall 2020", "withdrawn", 41),
        ]
    )
    assert cmp.in_progress_term(status) == "Fall 2020"
    finished = pd.concat([status, _status([("Fall 2020", "completed", 3)])])
    assert cmp.in_progress_term(finished) is None
    # Only waitlisted in a later term: registrations that count nowhere do not open it.
    waiting = pd.concat([finished, _status([("Winter 2021", "waitlisted", 5)])])
    assert cmp.in_progress_term(waiting) is None
    assert cmp.in_progress_term(_status([])) is None


@pytest.mark.parametrize(
    ("latest", "open_term", "year"),
    [
        ("Fall 2020", "Fall 2020", "2020-21"),
        ("Summer 2020", None, "2020-21"),  # Fall, Winter and Spring still to come
        ("Spring 2020", None, None),  # the year's last term, over
        ("Spring 2020", "Spring 2020", "2019-20"),
    ],
)
def test_year_in_progress(latest, open_term, year):
    assert cmp.year_in_progress(latest, open_term) == year


@pytest.mark.parametrize(
    ("period", "over"),
    [
        ("Summer 2020", True),
        ("Fall 2020", False),  # in progress
        ("Spring 2021", False),  # still to come
        ("Winter 2019", True),  # before the latest term, even with no data
        ("2019-20", True),
        ("2020-21", False),
        ("2021-22", False),
    ],
)
def test_period_over(period, over):
    assert cmp.period_over(period, "Fall 2020", "Fall 2020") is over
