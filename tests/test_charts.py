"""Chart functions: titles, axes, colours, term order, withheld cells and empty input, without Streamlit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from analytics import charts
from analytics.charts.base import NO_DATA, WITHHELD, ordered_terms, span
from analytics.metrics.spec import TABLES
from analytics.vocab import CATEGORIES, SECTORS

ANSWERS = Path(__file__).parent / "fixtures" / "acceptance" / "answers"


def answer(name: str) -> pd.DataFrame:
    return pd.read_csv(ANSWERS / f"{name}.csv")


def schools_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "term": ["Spring 2018", "Spring 2018", "Fall 2018", "Fall 2018"],
            "sector": ["district", "charter", "district", "charter"],
            "schools": [10, 4, 12, 5],
            "new_schools": [10, 4, 3, 1],
            "cumulative_schools": [10, 4, 13, 5],
        }
    )


def category_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "term": ["Spring 2018", "Spring 2018", "Fall 2018"],
            "category": ["all_learners", "culturally_proficient", "all_learners"],
            "courses": [2, 1, 3],
            "enrollments": [20, 9, 31],
            "participants": [18, 9, 30],
        }
    )


def mix_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "term": ["Spring 2018", "Spring 2018", "Fall 2018"],
            "course_code": ["A", "B", "C"],
            "course_title": ["Trauma-Informed Teaching", "Math Thinking", "=1+1"],
            "category": ["all_learners", "rigorous_curricula", "all_learners"],
            "leader_sectors": ["charter", "district", "catholic;district"],
            "participants": [12, 15, 20],
            "sectors_represented": [2, 3, 3],
            "mixing_index": [0.5, 0.6, 0.62],
        }
    )


# (chart function, frame factory, table the frame is, terms the title must span)
CASES = [
    (charts.growth_since_pilot, lambda: answer("participation_by_term"), "participation_by_term"),
    (charts.participation_by_sector, lambda: answer("participation_by_sector"), "participation_by_sector"),
    (charts.participation_by_category, category_frame, "participation_by_category"),
    (charts.schools_reached, schools_frame, "schools_reached"),
    (charts.returning_by_term, lambda: answer("returning_by_term"), "returning_by_term"),
    (charts.cohort_retention_heatmap, lambda: answer("cohort_retention"), "cohort_retention"),
    (charts.leader_pipeline, lambda: answer("leader_pipeline"), "leader_pipeline"),
    (charts.conversion_by_cohort, lambda: answer("pipeline_conversion"), "pipeline_conversion"),
    (charts.cross_sector_heatmap, lambda: answer("cross_sector_exchange"), "cross_sector_exchange"),
    (charts.mixing_index_over_time, mix_frame, "course_mix"),
    (charts.survey_summary, lambda: answer("survey_by_category"), "survey_by_category"),
]
IDS = [case[0].__name__ for case in CASES]


def axis_titles(fig: go.Figure) -> list[str]:
    layout = fig.to_dict()["layout"]
    return [
        axis["title"]["text"]
        for key, axis in layout.items()
        if key.startswith(("xaxis", "yaxis")) and axis.get("title", {}).get("text")
    ]


@pytest.mark.parametrize(("chart", "make", "table"), CASES, ids=IDS)
def test_frames_have_the_columns_of_their_table(chart, make, table):
    assert list(make().columns) == list(TABLES[table].columns)


@pytest.mark.parametrize(("chart", "make", "table"), CASES, ids=IDS)
def test_title_says_what_and_when_and_axes_are_labelled(chart, make, table):
    frame = make()
    fig = chart(frame)
    title = fig.layout.title.text
    term_col = "cohort" if table in ("pipeline_conversion",) else "term"
    if term_col in frame.columns:
        assert span(frame[term_col]) in title
        assert " – " in span(frame[term_col])
    assert len(title) > 20
    assert len(axis_titles(fig)) >= 2
    assert NO_DATA not in str(fig.layout.annotations)
    assert len(fig.data) >= 1


@pytest.mark.parametrize(("chart", "make", "table"), CASES, ids=IDS)
def test_empty_frame_says_no_data(chart, make, table):
    fig = chart(make().iloc[0:0])
    assert [a.text for a in fig.layout.annotations] == [NO_DATA]
    assert fig.layout.title.text  # still says what it would have shown
    assert len(fig.data) == 0


@pytest.mark.parametrize(("chart", "make", "table"), CASES, ids=IDS)
def test_withheld_cells_are_blank_not_a_crash(chart, make, table):
    frame = make().astype("object")
    spec = TABLES[table]
    # schools_reached counts schools, not people: blank its measures to check drawing anyway
    withheld = [c for c in (*spec.person_counts, *spec.derived) if c in frame.columns] or list(spec.measures)
    frame.loc[frame.index[0], withheld] = pd.NA
    fig = chart(frame)
    assert NO_DATA not in str(fig.layout.annotations)
    values = []
    for trace in fig.data:
        data = trace.z if trace.type == "heatmap" else trace.y
        values.extend(np.asarray(data, dtype="float64").ravel().tolist())
    assert any(np.isnan(values)), "a withheld cell should reach plotly as NaN (drawn as nothing)"
    fig.to_json()  # serialisable (NaN becomes null)


@pytest.mark.parametrize(("chart", "make", "table"), CASES, ids=IDS)
def test_everything_withheld_says_so_instead_of_empty_axes(chart, make, table):
    frame = make().astype("object")
    spec = TABLES[table]
    frame.loc[:, [c for c in spec.measures if c != "courses"]] = pd.NA  # courses are not people: never withheld
    fig = chart(frame)
    if table == "participation_by_term":  # the growth chart still has its course line
        assert [t.name for t in fig.data if not all(pd.isna(t.y))] == ["Courses"]
        return
    assert [a.text for a in fig.layout.annotations] == [WITHHELD]
    when = {"pipeline_conversion": "cohort", "cross_sector_exchange": None}.get(table, "term")
    if when:  # the rows still say which terms they cover
        assert span(frame[when]) in fig.layout.title.text


def test_growth_lines_follow_term_order_whatever_the_row_order():
    frame = answer("participation_by_term")
    fig = charts.growth_since_pilot(frame.sample(frac=1, random_state=3))
    expected = ordered_terms(frame["term"])
    assert list(fig.layout.xaxis.categoryarray) == expected
    assert expected[0] == "Spring 2018" and expected[1] == "Fall 2018"
    assert fig.layout.xaxis.type == "category"
    assert fig.layout.yaxis.tickformat == ",d"
    assert [t.name for t in fig.data] == ["Participants", "Enrollments", "Courses"]


def test_sector_colours_are_the_same_in_every_chart():
    by_sector = charts.participation_by_sector(answer("participation_by_sector"))
    schools = charts.schools_reached(schools_frame())
    exchange = charts.cross_sector_heatmap(answer("cross_sector_exchange"))
    for fig in (by_sector, schools):
        for trace in fig.data:
            sector = next(s for s in SECTORS if charts.sector_label(s) == trace.name)
            assert trace.marker.color == charts.SECTOR_COLOURS[sector]
    # sectors come in the fixed order (district first), not alphabetical, and use labels
    assert [t.name for t in by_sector.data][:2] == ["District", "Charter"]
    assert list(exchange.data[0].y)[0] == "District"


def test_strand_colours_and_labels():
    fig = charts.participation_by_category(category_frame())
    assert {t.name: t.marker.color for t in fig.data} == {
        "Supporting all learners": charts.CATEGORY_COLOURS["all_learners"],
        "Culturally proficient strategies": charts.CATEGORY_COLOURS["culturally_proficient"],
    }
    survey = charts.survey_summary(answer("survey_by_category"))
    for trace in survey.data:
        category = next(c for c in CATEGORIES if charts.category_label(c) == trace.name)
        assert trace.line.color == charts.CATEGORY_COLOURS[category]


def test_palettes_cover_every_value_with_distinct_colours():
    assert set(charts.SECTOR_COLOURS) == set(SECTORS)
    assert set(charts.CATEGORY_COLOURS) == set(CATEGORIES)
    assert len(set(charts.SECTOR_COLOURS.values())) == len(SECTORS)
    assert len(set(charts.CATEGORY_COLOURS.values())) == len(CATEGORIES)


def test_returning_rate_is_on_a_percent_axis():
    fig = charts.returning_by_term(answer("returning_by_term"))
    rate = next(t for t in fig.data if t.name == "Returning rate")
    assert rate.yaxis == "y2"
    assert fig.layout.yaxis2.tickformat == ".0%"
    assert "%" in rate.hovertemplate


def test_retention_heatmap_shows_percent_and_blank_for_withheld():
    frame = answer("cohort_retention")
    frame["retention_rate"] = frame["retention_rate"].astype("object")
    frame.loc[1, "retention_rate"] = pd.NA
    fig = charts.cohort_retention_heatmap(frame)
    heat = fig.data[0]
    assert heat.text[0][0] == "100%"
    assert heat.text[0][1] == ""
    assert heat.y[0] == "Spring 2018 (69)"


def test_conversion_labels_say_how_many_of_how_many():
    fig = charts.conversion_by_cohort(answer("pipeline_conversion"))
    assert fig.data[0].text[0] == "19 of 69"
    assert fig.layout.yaxis.tickformat == ".0%"


def test_funnel_from_stage_counts():
    stages = {"Participants": 1234.0, "Leaders": 56.0, "Mentors": 7.0}
    fig = charts.pipeline_funnel(stages, when="Spring 2018 – Spring 2020")
    assert list(fig.data[0].y) == ["Participants", "Leaders", "Mentors"]
    assert fig.data[0].text[0] == f"{stages['Participants']:,.0f}"
    assert "Spring 2020" in fig.layout.title.text
    frame = pd.DataFrame({"stage": ["Participants", "Leaders"], "people": [1200, 40]})
    assert list(charts.pipeline_funnel(frame).data[0].x) == [1200, 40]
    assert [a.text for a in charts.pipeline_funnel({}).layout.annotations] == [NO_DATA]


def test_thousands_separators_in_labels():
    frame = pd.DataFrame({"leader_sector": ["district"], "participant_sector": ["charter"], "enrollments": [12345]})
    fig = charts.cross_sector_heatmap(frame)
    assert fig.data[0].text[0][0] == "12,345"


def test_charts_do_not_import_streamlit():
    code = "import sys, analytics.charts; assert 'streamlit' not in sys.modules"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_mixing_index_with_many_courses_draws_strand_averages_not_every_course():
    import analytics.charts.exchange as exchange

    terms = ["Spring 2018", "Fall 2018", "Spring 2019"]
    n = exchange.MAX_COURSE_DOTS + 300
    frame = pd.DataFrame(
        {
            "term": [terms[i % 3] for i in range(n)],
            "course_code": [f"C{i}" for i in range(n)],
            "course_title": [f"Course {i}" for i in range(n)],
            "category": [("all_learners", "rigorous_curricula")[i % 2] for i in range(n)],
            "leader_sectors": ["district"] * n,
            "participants": [12] * n,
            "sectors_represented": [2] * n,
            "mixing_index": [(i % 10) / 10 for i in range(n)],
        }
    )
    fig = charts.mixing_index_over_time(frame)
    points = sum(len(trace.x) for trace in fig.data)
    assert points == 3 * 3  # two strands and the overall average, one point per term
    strand = frame[frame["category"] == "all_learners"].groupby("term")["mixing_index"].mean()
    trace = next(t for t in fig.data if t.name.startswith("Supporting all learners"))
    assert dict(zip(trace.x, trace.y, strict=True)) == pytest.approx(strand.to_dict())
    small = charts.mixing_index_over_time(mix_frame())
    assert sum(len(trace.x) for trace in small.data) == 3 + 2  # every course, and the average per term
