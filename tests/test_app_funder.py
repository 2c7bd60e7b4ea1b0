"""The funder pages on the sample: fair comparisons, the school-year switch, goal marks; the Goals panel."""

from __future__ import annotations

import json

import pytest
from app_support import build_warehouse, errors, open_page, run_app

from analytics import metrics, warehouse
from analytics.cli import main


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory):
    path = build_warehouse(tmp_path_factory.mktemp("funder") / "warehouse.duckdb")
    assert main(["goals", "set", "participants", "Fall 2020", "600", "--db", str(path)]) == 0
    assert main(["goals", "set", "participants", "2019-20", "800", "--db", str(path)]) == 0
    assert main(["goals", "set", "leaders", "Fall 2019", "30", "--db", str(path)]) == 0
    con = warehouse.connect(path, read_only=True)
    try:
        expected = metrics.compute(con, "participation_by_year")
        by_term = metrics.compute(con, "participation_by_term").set_index("term")
    finally:
        con.close()
    return path, expected, by_term


@pytest.fixture
def sample(sample_db, monkeypatch):
    monkeypatch.setenv("ANALYTICS_DB", str(sample_db[0]))
    return sample_db


def _charts(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def _goal_traces(spec: dict) -> list[dict]:
    return [t for t in spec["data"] if (t.get("meta") or {}).get("goal_marks")]


def test_overview_compares_fall_2020_with_fall_2019_and_marks_it_in_progress(sample):
    at = open_page(run_app(), "overview")
    assert errors(at) == []
    heading = [s.value for s in at.subheader][0]
    assert heading.startswith("Fall 2020 at a glance (in progress")
    assert heading.endswith("compared with Fall 2019")
    by_term = sample[2]
    fall_2020, fall_2019 = by_term.loc["Fall 2020", "participants"], by_term.loc["Fall 2019", "participants"]
    assert fall_2020 != by_term.loc["Summer 2020", "participants"]  # the comparison below tells them apart
    participants = at.metric[0]
    assert participants.value == f"{fall_2020:,}"
    assert participants.delta == f"{fall_2020 - fall_2019:+,}"  # never against Summer 2020
    assert participants.proto.delta_description == "vs Fall 2019"
    assert any(
        "Changes are against Fall 2019" in c.value and "Fall 2020 is still in progress" in c.value for c in at.caption
    )
    growth = _charts(at)[0]
    marks = _goal_traces(growth)
    assert [(m["x"], _decoded(m["y"])) for m in marks] == [(["Fall 2020"], [600.0])]
    assert any("Chart description: Growth since the pilot, Spring 2017" in c.value for c in at.caption)


def test_the_year_switch_shows_every_school_year_with_exact_counts(sample):
    _, expected, _ = sample
    at = open_page(run_app(), "growth")
    at.segmented_control[0].set_value("school_year").run()
    assert errors(at) == []
    growth = _charts(at)[0]
    assert growth["layout"]["title"]["text"] == "Growth by school year, 2016-17 – 2020-21"
    lines = {t["name"]: t for t in growth["data"] if t.get("mode") == "lines+markers"}
    assert lines["Participants"]["x"] == ["2016-17", "2017-18", "2018-19", "2019-20", "2020-21"]
    assert lines["Participants"]["x"] == expected["school_year"].tolist()
    assert _decoded(lines["Participants"]["y"]) == expected["participants"].tolist()
    assert _decoded(lines["Courses"]["y"]) == expected["courses"].tolist()
    assert [(m["x"], _decoded(m["y"])) for m in _goal_traces(growth)] == [(["2019-20"], [800.0])]
    # the choice holds on the next page
    returning = open_page(at, "returning")
    assert errors(returning) == []
    assert _charts(returning)[0]["layout"]["title"]["text"].startswith("New and returning participants by school year")
    pipeline = open_page(returning, "pipeline")
    assert _charts(pipeline)[0]["layout"]["title"]["text"].startswith(
        "Participants, leaders and mentors by school year"
    )


def test_goal_marks_on_the_pipeline_by_term(sample):
    at = open_page(run_app(), "pipeline")
    at.segmented_control[0].set_value("term").run()
    marks = _goal_traces(_charts(at)[0])
    assert sorted((m["x"][0], _decoded(m["y"])[0]) for m in marks) == [("Fall 2019", 30.0), ("Fall 2020", 600.0)]


def _decoded(values) -> list[float]:
    """plotly sends numbers as typed arrays ({"dtype", "bdata"}) or plain lists."""
    if isinstance(values, dict):
        import base64

        import numpy as np

        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def test_goals_panel_sets_changes_and_refuses_a_bad_value(tmp_path, monkeypatch):
    path = build_warehouse(tmp_path / "warehouse.duckdb")
    con = warehouse.connect(path, read_only=True)
    try:
        spring_2020 = float(
            metrics.compute(con, "participation_by_term").set_index("term").loc["Spring 2020", "participants"]
        )
    finally:
        con.close()
    assert spring_2020 >= 400  # so the goal below is met
    assert main(["goals", "set", "participants", "Fall 2020", "600", "--db", str(path)]) == 0  # in progress
    monkeypatch.setenv("ANALYTICS_DB", str(path))
    at = open_page(run_app(), "data")
    assert errors(at) == []
    assert "Goals" in [h.value for h in at.header]
    assert _goal_table(at)[["period", "met"]].values.tolist() == [["Fall 2020", "not over yet"]]
    at.selectbox(key="goal_choice").set_value("participants · Fall 2020").run()
    [b for b in at.button if b.label.startswith("Remove this goal")][0].click().run()
    assert errors(at) == [] and _goal_table(at) is None
    form_select = [s for s in at.selectbox if s.label == "Term or school year"][0]
    form_select.set_value("Spring 2020")
    [s for s in at.selectbox if s.label == "Metric"][0].set_value("participants")
    [t for t in at.text_input if t.label == "Target"][0].set_value("lots")
    [b for b in at.button if b.label == "Save goal"][0].click().run()
    assert any("'lots'" in e.value for e in at.error)
    [t for t in at.text_input if t.label == "Target"][0].set_value("400")
    [b for b in at.button if b.label == "Save goal"][0].click().run()
    assert errors(at) == []
    assert any("Saved: participants in Spring 2020" in s.value.replace("\\", "") for s in at.success)
    # the app holds the warehouse open; what it lists is read back from the warehouse on this run
    shown = _goal_table(at)
    assert shown[["metric", "period", "target", "actual", "met"]].values.tolist() == [
        ["participants", "Spring 2020", 400.0, spring_2020, "met"]
    ]
    at.selectbox(key="goal_choice").set_value("participants · Spring 2020").run()
    [b for b in at.button if b.label.startswith("Remove this goal")][0].click().run()
    assert errors(at) == []
    assert _goal_table(at) is None
    assert any("No goals yet." in c.value for c in at.caption)


def _goal_table(at):
    tables = [d.value for d in at.dataframe if "met" in d.value.columns]
    return tables[0] if tables else None
