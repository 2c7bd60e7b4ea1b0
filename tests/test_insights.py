"""The dashboard's own queries (analytics.insights) on a tiny hand-built warehouse with known answers."""

from __future__ import annotations

import pandas as pd
import pytest
from builders import WarehouseBuilder

from analytics import insights
from analytics.filters import Filters

COURSES = [  # code, term, category, leaders, mentors
    ("A17", "Spring 2017", "all_learners", ["leo@x.org"], []),
    ("B17", "Spring 2017", "culturally_proficient", ["leo@x.org"], []),
    ("A17F", "Fall 2017", "rigorous_curricula", ["leo@x.org"], []),
    ("D17F", "Fall 2017", "all_learners", ["leo@x.org"], []),
    ("A18", "Spring 2018", "all_learners", ["ann@x.org"], ["leo@x.org"]),
    ("C18", "Fall 2018", "culturally_proficient", ["leo@x.org"], ["ann@x.org"]),
]
TERM_OF = {code: term for code, term, *_ in COURSES}
ENROLLMENTS = [  # person, course, sector, status, registered_at
    ("ann@x.org", "A17", "district", "completed", "2017-01-10"),
    ("ann@x.org", "A17F", "district", "enrolled", "2017-09-01"),
    ("bob@x.org", "A17", "charter", "completed", "2017-01-11"),
    ("bob@x.org", "B17", "charter", "completed", "2017-01-12"),
    ("bob@x.org", "A17F", "charter", "completed", "2017-09-02"),
    ("cat@x.org", "B17", "catholic", "completed", "2017-01-13"),
    ("cat@x.org", "A17F", "catholic", "withdrawn", "2017-09-03"),
    # dan registered last as charter in Fall 2017, so both his Fall 2017 enrollments are charter's.
    ("dan@x.org", "A17F", "district", "enrolled", "2017-09-01"),
    ("dan@x.org", "D17F", "charter", "enrolled", "2017-09-05"),
    ("eve@x.org", "A17", "district", "completed", "2017-01-14"),
    ("eve@x.org", "D17F", "district", "completed", "2017-09-04"),
]
SURVEYS = [  # person, course, rating, lead_interest
    ("ann@x.org", "A17", 5, "yes"),
    ("bob@x.org", "A17F", 5, "yes"),
    ("bob@x.org", "B17", 4, "no"),
    ("eve@x.org", "D17F", 3, "yes"),
    (None, "A17", 1, "no"),
]


@pytest.fixture
def filled(con):
    """The warehouse above: five participants, one outside leader (leo), ann grown from within."""
    w = WarehouseBuilder(con)
    for code, term, category, leaders, mentors in COURSES:
        w.course(term, code, category, leaders=leaders, mentors=mentors)
    staff = {person for *_, leaders, mentors in COURSES for person in (*leaders, *mentors)}
    for person in sorted({row[0] for row in ENROLLMENTS} | staff):
        w.person(person, person.split("@")[0].title() + " Example")
    for person, code, sector, status, registered in ENROLLMENTS:
        w.enroll(person, TERM_OF[code], code, sector=sector, status=status, registered_at=registered)
    for person, code, rating, lead in SURVEYS:
        w.survey(TERM_OF[code], code, person, rating=rating, lead_interest=lead)
    return con


def _as_dict(frame: pd.DataFrame, key: str, value: str) -> dict:
    return {k.item() if hasattr(k, "item") else k: int(v) for k, v in zip(frame[key], frame[value], strict=True)}


def test_courses_per_person_counts_counted_enrollments_only(filled):
    frame = insights.courses_per_person(filled)
    assert list(frame.columns) == ["courses_taken", "people"]
    # ann 2, bob 3, cat 1 (her withdrawal is not counted), dan 2, eve 2
    assert _as_dict(frame, "courses_taken", "people") == {1: 1, 2: 3, 3: 1}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(sectors=("charter",)), {3: 1, 2: 1}),  # bob; dan's whole Fall 2017 is charter's
        (Filters(sectors=("district",)), {2: 2}),  # ann and eve; dan is not district in Fall 2017
        (Filters(categories=("all_learners",)), {1: 3, 2: 1}),  # ann, bob, dan 1; eve 2
        (Filters.parse(term_from="Fall 2017"), {1: 3, 2: 1}),  # ann, bob, eve 1; dan 2
        (Filters(sectors=("independent",)), {}),
    ],
)
def test_courses_per_person_follows_the_filters(filled, filters, expected):
    assert _as_dict(insights.courses_per_person(filled, filters), "courses_taken", "people") == expected


def test_pipeline_path_follows_people_from_taking_part_to_mentoring(filled):
    frame = insights.pipeline_path(filled)
    assert list(frame["stage"]) == [
        "Took part in a course",
        "Went on to lead a course",
        "Went on to mentor new leaders",
    ]
    # leo leads and mentors but never took part, so he is not on the path; ann is, all the way.
    assert list(frame["people"]) == [5, 1, 1]


def test_pipeline_path_filters_choose_who_starts_but_not_what_follows(filled):
    # ann is district and led only in Spring 2018: a filter ending in Fall 2017 still sees her lead later.
    frame = insights.pipeline_path(filled, Filters.parse(sectors=["district"], term_to="Fall 2017"))
    assert list(frame["people"]) == [2, 1, 1]
    assert list(insights.pipeline_path(filled, Filters(sectors=("charter",)))["people"]) == [2, 0, 0]


def test_leader_candidates_need_two_terms_a_yes_a_good_rating_and_no_course_led(filled):
    frame = insights.leader_candidates(filled)
    # ann led already; eve rated 3; dan and cat came in one term only.
    assert list(frame["email"]) == ["bob@x.org"]
    row = frame.iloc[0]
    assert (row["terms_participated"], row["courses_taken"], row["avg_rating"]) == (2, 3, 4.5)
    assert (row["first_term"], row["last_term"], row["sector"]) == ("Spring 2017", "Fall 2017", "charter")


def test_leader_candidates_thresholds_and_filters(filled):
    assert list(insights.leader_candidates(filled, min_rating=3)["email"]) == ["bob@x.org", "eve@x.org"]
    assert list(insights.leader_candidates(filled, Filters(sectors=("district",)), min_rating=3)["email"]) == [
        "eve@x.org"
    ]
    assert insights.leader_candidates(filled, Filters.parse(term_from="Fall 2017")).empty


def test_leader_candidates_count_only_the_chosen_strands_courses(filled):
    # bob's Spring 2017 holds an all_learners course and a culturally_proficient one (a term with a
    # strand not chosen: counted from its enrollments); eve's terms are all_learners only (counted
    # from the person-terms); bob's Fall 2017 is rigorous_curricula only, so it does not count.
    def courses(categories):
        frame = insights.leader_candidates(filled, Filters(categories=categories), min_terms=1, min_rating=3)
        return _as_dict(frame, "email", "courses_taken")

    assert courses(("all_learners",)) == {"bob@x.org": 1, "eve@x.org": 2}
    assert courses(("all_learners", "culturally_proficient")) == {"bob@x.org": 2, "eve@x.org": 2}
    assert courses(None) == {"bob@x.org": 3, "eve@x.org": 2}


def test_person_history_lists_every_role_in_term_order(filled):
    frame = insights.person_history(filled, " ANN@x.org ")
    assert list(zip(frame["term"], frame["course_code"], frame["role"], strict=True)) == [
        ("Spring 2017", "A17", "participant"),
        ("Fall 2017", "A17F", "participant"),
        ("Spring 2018", "A18", "leader"),
        ("Fall 2018", "C18", "mentor"),
    ]
    assert frame["rating"].iloc[0] == 5
    assert frame["lead_interest"].iloc[0] == "yes"


def test_person_history_shows_withdrawals(filled):
    frame = insights.person_history(filled, "cat@x.org")
    assert list(frame["status"]) == ["completed", "withdrawn"]


def test_find_people_by_name_or_email_with_plain_text_matching(filled):
    assert list(insights.find_people(filled, "ANN")["email"]) == ["ann@x.org"]
    assert list(insights.find_people(filled, "leo example")["email"]) == ["leo@x.org"]
    # % and _ are characters to look for, not wildcards; blank finds nobody.
    assert insights.find_people(filled, "%").empty
    assert insights.find_people(filled, "_").empty
    assert insights.find_people(filled, "  ").empty
    top = insights.find_people(filled, "@x.org")
    assert len(top) == 6
    assert top["terms"].iloc[0] == 4  # leo took part in all four terms, so he comes first


def _participation(rows):
    columns = ["term", "courses", "participants", "returning_participants", "schools", "leaders"]
    return pd.DataFrame(rows, columns=columns)


def test_headline_numbers_compare_the_latest_term_with_the_same_season_a_year_earlier():
    frame = _participation(
        [
            ("Fall 2018", 8, 120, 30, 40, 9),
            ("Fall 2017", 6, 80, 0, 30, 6),  # out of order on purpose
            ("Summer 2018", 2, 20, 5, 10, 2),  # the term just before: never the comparison
        ]
    )
    numbers = {h.key: h for h in insights.headline_numbers(frame)}
    assert [h.label for h in insights.headline_numbers(frame)][0] == "Participants"
    assert numbers["participants"].term == "Fall 2018"
    assert numbers["participants"].previous_term == "Fall 2017"
    assert numbers["participants"].change == 40
    assert numbers["participants"].basis == "vs Fall 2017"
    assert numbers["returning_rate"].value == 0.25
    assert numbers["returning_rate"].change == 0.25
    assert numbers["leaders"].change == 3


def test_headline_numbers_with_one_term_or_withheld_cells_have_no_change():
    single = insights.headline_numbers(_participation([("Spring 2017", 6, 80, 0, 30, 6)]))
    assert all(h.change is None and h.previous_term is None for h in single)
    withheld = _participation([("Spring 2017", 6, 80, 0, 30, None), ("Spring 2018", 8, None, None, 40, 9)])
    numbers = {h.key: h for h in insights.headline_numbers(withheld)}
    assert numbers["participants"].value is None
    assert numbers["participants"].change is None
    assert numbers["returning_rate"].value is None
    assert numbers["leaders"].change is None
    assert numbers["courses"].change == 2
    assert insights.headline_numbers(_participation([])) == []


def test_growth_since_first_term():
    frame = _participation([("Fall 2018", 20, 300, 100, 60, 15), ("Spring 2017", 6, 80, 0, 30, 6)])
    growth = insights.growth_since_first(frame)
    assert (growth.first_term, growth.last_term, growth.terms) == ("Spring 2017", "Fall 2018", 2)
    assert (growth.first_participants, growth.last_participants) == (80, 300)
    assert (growth.first_courses, growth.last_courses) == (6, 20)
    assert insights.growth_since_first(_participation([])) is None


def test_protect_total_withholds_a_second_count_when_only_one_is_withheld():
    frame = pd.DataFrame({"courses_taken": [1, 2, 3, 4], "people": [120.0, 40.0, 12.0, None]})
    protected = insights.protect_total(frame, "people")
    assert protected["people"].isna().tolist() == [False, False, True, True]
    assert frame["people"].isna().sum() == 1  # the input is left alone
    two = pd.DataFrame({"courses_taken": [1, 2, 3], "people": [120.0, None, None]})
    assert insights.protect_total(two, "people")["people"].isna().sum() == 2
    none = pd.DataFrame({"courses_taken": [1, 2], "people": [120.0, 40.0]})
    assert insights.protect_total(none, "people")["people"].tolist() == [120.0, 40.0]
