"""Charts a funder can read: titles say what and when, goal marks, school years, a text alternative."""

from __future__ import annotations

import functools
import re

import pandas as pd
import pytest
from builders import frame_of

from analytics import charts
from analytics.charts.marks import periods_with_goals

BY_TERM = frame_of(
    "term courses enrollments participants new_participants returning_participants returning_rate schools leaders "
    "mentors leaders_from_participants cumulative_leaders",
    ("Fall 2019", 10, 120, 100, 60, 40, 0.4, 20, 8, 2, 4, 8),
    ("Spring 2020", 12, 130, 110, 50, 60, 0.5455, 21, 9, 3, 5, 12),
    ("Fall 2020", 14, 150, 120, 55, 65, 0.5417, 22, 10, 3, 6, 15),
)
BY_YEAR = frame_of(
    "school_year courses enrollments participants new_participants returning_participants schools leaders mentors",
    ("2018-19", 20, 240, 180, 120, 60, 25, 14, 4),
    ("2019-20", 22, 250, 190, 100, 90, 26, 15, 5),
    ("2020-21", 14, 150, 120, 55, 65, 22, 10, 3),
)
GOALS = pd.DataFrame(
    {
        "metric": ["participants", "participants", "returning_rate", "leaders", "courses"],
        "period": ["Fall 2020", "2019-20", "Spring 2020", "Fall 2019", "Spring 2021"],
        "target": [125, 200, 0.5, 9, 16],
    }
)
WHEN = re.compile(r"\b(Winter|Spring|Summer|Fall) \d{4}\b|\b\d{4}-\d{2}\b")


def _marks(fig) -> dict[str, list[tuple[str, float]]]:
    out: dict[str, list[tuple[str, float]]] = {}
    for trace in fig.data:
        if trace.meta and "goal_marks" in trace.meta:
            out.setdefault(trace.meta["goal_marks"], []).extend(zip(trace.x, trace.y, strict=True))
    return out


def test_goal_marks_only_on_the_charts_of_their_metric_and_period_kind():
    growth = charts.growth_since_pilot(BY_TERM, GOALS)
    # the courses goal is for a term still to come: the axis is extended to show it
    assert _marks(growth) == {"participants": [("Fall 2020", 125)], "courses": [("Spring 2021", 16)]}
    assert list(growth.layout.xaxis.categoryarray) == ["Fall 2019", "Spring 2020", "Fall 2020", "Spring 2021"]
    assert _marks(charts.growth_since_pilot(BY_YEAR, GOALS)) == {"participants": [("2019-20", 200)]}
    returning = charts.returning_by_term(BY_TERM, GOALS)
    assert _marks(returning) == {"returning_rate": [("Spring 2020", 0.5)]}
    rate_mark = next(t for t in returning.data if t.meta and "goal_marks" in t.meta)
    assert rate_mark.yaxis == "y2"  # on the rate's axis, not the counts'
    pipeline = charts.leader_pipeline(BY_TERM, GOALS)
    assert _marks(pipeline) == {"participants": [("Fall 2020", 125)], "leaders": [("Fall 2019", 9)]}
    assert _marks(charts.participation_by_sector(BY_TERM.assign(sector="charter"))) == {}
    assert _marks(charts.growth_since_pilot(BY_TERM)) == {}


def test_periods_with_goals_keep_their_order():
    assert periods_with_goals(["Spring 2020", "Fall 2020"], ["Winter 2020", "Fall 2020"]) == [
        "Winter 2020",
        "Spring 2020",
        "Fall 2020",
    ]
    assert periods_with_goals(["2019-20"], ["2021-22", "2018-19"]) == ["2018-19", "2019-20", "2021-22"]


def test_school_year_charts():
    growth = charts.growth_since_pilot(BY_YEAR)
    assert growth.layout.title.text == "Growth by school year, 2018-19 – 2020-21"
    assert growth.layout.xaxis.title.text == "School year"
    returning = charts.returning_by_term(BY_YEAR)
    rate = next(t for t in returning.data if t.name == "Returning rate")
    assert list(rate.y) == [round(60 / 180, 4), round(90 / 190, 4), round(65 / 120, 4)]
    leaders = charts.leaders_by_year(BY_YEAR)
    assert [t.name for t in leaders.data] == ["Participants", "Leaders", "Mentors"]
    assert list(charts.schools_by_year(BY_YEAR).data[0].y) == [25, 26, 22]


@functools.cache
def _every_chart():
    cohort = pd.DataFrame(
        {"cohort": ["Fall 2019"] * 2, "cohort_size": [60, 60], "term": ["Fall 2019", "Fall 2020"], "active": [60, 20]}
    ).assign(retention_rate=[1.0, 0.3333])
    conversion = pd.DataFrame(
        {"cohort": ["Fall 2019"], "cohort_size": [60], "became_leader": [12], "conversion_rate": [0.2]}
    )
    exchange = pd.DataFrame({"leader_sector": ["charter"], "participant_sector": ["district"], "enrollments": [40]})
    when = "Fall 2019 – Fall 2020"
    return [
        charts.growth_since_pilot(BY_TERM),
        charts.growth_since_pilot(BY_YEAR),
        charts.returning_by_term(BY_TERM),
        charts.returning_by_term(BY_YEAR),
        charts.leader_pipeline(BY_TERM),
        charts.leaders_by_year(BY_YEAR),
        charts.schools_by_year(BY_YEAR),
        charts.participation_by_sector(BY_TERM.assign(sector="charter")),
        charts.participation_by_category(BY_TERM.assign(category="all_learners")),
        charts.cohort_retention_heatmap(cohort),
        charts.conversion_by_cohort(conversion),
        charts.cross_sector_heatmap(exchange, when),
        charts.pipeline_funnel({"Participants": 100, "Leaders": 20, "Mentors": 5}, when),
        charts.courses_per_person(pd.DataFrame({"courses_taken": [1, 2], "people": [80, 20]}), when),
    ]


@pytest.mark.parametrize("index", range(14))
def test_every_chart_says_what_and_when_and_has_a_one_sentence_alternative(index):
    fig = _every_chart()[index]
    assert WHEN.search(fig.layout.title.text), fig.layout.title.text
    alt = charts.describe(fig)
    assert alt.startswith(fig.layout.title.text) and alt.endswith(".")
    assert alt.count(". ") == 0, alt  # one sentence
    assert re.search(r"\d", alt.removeprefix(fig.layout.title.text)), alt  # it states numbers, not just a title


def test_the_alternative_states_the_numbers_and_goals_and_never_a_withheld_one():
    alt = charts.describe(charts.growth_since_pilot(BY_TERM, GOALS))
    assert "Participants went from 100 in Fall 2019 to 120 in Fall 2020" in alt
    assert "participants 125 in Fall 2020" in alt and "courses 16 in Spring 2021" in alt
    released = BY_TERM.astype({"participants": "Int64"})
    released.loc[2, "participants"] = pd.NA
    alt = charts.describe(charts.growth_since_pilot(released))
    assert "to 110 in Spring 2020" in alt and "120" not in alt
    assert charts.describe(charts.growth_since_pilot(BY_TERM.iloc[0:0])).endswith("no data for these filters.")


def test_colours_stay_okabe_ito():
    okabe_ito = set(charts.palette.OKABE_ITO.values())
    for fig in _every_chart():
        for trace in fig.data:
            colour = getattr(trace.marker, "color", None) if trace.type == "bar" else None
            if isinstance(colour, str):
                assert colour.upper() in {c.upper() for c in okabe_ito}, (fig.layout.title.text, colour)


def test_panels_by_group_draw_every_group_in_every_panel_under_one_legend_entry():
    survey = frame_of(
        "term category avg_rating nps implement_agree_rate",
        ("Fall 2019", "all_learners", 4.1, 10.0, 0.5),
        ("Fall 2019", "rigorous_curricula", 3.9, -5.0, 0.6),
        ("Spring 2020", "all_learners", 4.5, 30.0, 0.7),
    )
    drawn = [(t.legendgroup, t.xaxis, list(t.x), list(t.y), t.showlegend) for t in charts.survey_summary(survey).data]
    assert drawn == [
        ("all_learners", "x", ["Fall 2019", "Spring 2020"], [4.1, 4.5], True),
        ("all_learners", "x2", ["Fall 2019", "Spring 2020"], [10.0, 30.0], False),
        ("all_learners", "x3", ["Fall 2019", "Spring 2020"], [0.5, 0.7], False),
        ("rigorous_curricula", "x", ["Fall 2019"], [3.9], True),
        ("rigorous_curricula", "x2", ["Fall 2019"], [-5.0], False),
        ("rigorous_curricula", "x3", ["Fall 2019"], [0.6], False),
    ]
    schools = frame_of(
        "term sector new_schools cumulative_schools",
        ("Fall 2019", "charter", 2, 2),
        ("Fall 2019", "district", 3, 3),
        ("Spring 2020", "district", 1, 4),
    )
    fig = charts.schools_reached(schools)
    drawn = [(t.name, t.xaxis, list(t.y), t.showlegend) for t in fig.data]
    assert drawn == [  # district first: sectors keep their fixed order
        ("District", "x", [3, 1], True),
        ("District", "x2", [3, 4], False),
        ("Charter", "x", [2], True),
        ("Charter", "x2", [2], False),
    ]
