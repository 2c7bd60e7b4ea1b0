"""The table registry (analytics/metrics/spec.py) is the one home of each table, and what it says is true.

A declaration names a query, columns and kinds, a grain, charts, pages and the fields a release
needs; these tests hold each of them to the code that uses it: the query's header, the charts
package, the page scripts, and the disclosure engine's tables.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pandas as pd
import pytest

from analytics import charts, insights, warehouse
from analytics.charts.registry import CHARTS, chart_of, draw
from analytics.metrics import LINKS, TABLES
from analytics.metrics.table_spec import COUNT, KEY, RATE

ROOT = Path(__file__).resolve().parent.parent
ALL = {**TABLES, **insights.SPECS}
PAGES = sorted((ROOT / "pages").glob("*.py"))


def declared_grain(sql: str) -> str:
    """The ``-- Grain: ...`` sentence of a query's header, up to its citation or its end."""
    header = " ".join(line[2:].strip() for line in sql.splitlines() if line.startswith("--"))
    match = re.match(r"Grain: (.+?)(?: \(docs/METRICS\.md[^)]*\)|\.(?:\s|$))", header)
    if match is None:
        raise LookupError("the query does not start with '-- Grain: ...'")
    return match[1]


@pytest.mark.parametrize("name", sorted(ALL))
def test_the_declared_query_states_the_declared_grain(name):
    spec = ALL[name]
    assert spec.sql.endswith(f"/{name}.sql"), "a query is named after the table it returns"
    assert declared_grain(warehouse.read_sql(spec.sql)) == spec.grain


def test_a_query_without_a_grain_header_is_refused():
    with pytest.raises(LookupError):
        declared_grain("select 1")
    assert declared_grain("-- Grain: one term\n-- (docs/METRICS.md `returning_by_term`). More.") == "one term"


@pytest.mark.parametrize("name", sorted(ALL))
def test_every_column_has_exactly_one_kind(name):
    spec = ALL[name]
    assert set(spec.keys) <= set(spec.columns) and set(spec.counts) <= set(spec.measures)
    assert {spec.kind(c) for c in spec.keys} <= {KEY}
    assert set(spec.person_counts) <= set(spec.counts), "what suppression withholds is a count"
    for rate in spec.derived:
        assert spec.kind(rate) in (RATE, COUNT) and set(spec.derived[rate]) <= set(spec.counts)


@pytest.mark.parametrize("name", sorted(ALL))
def test_declared_charts_exist(name):
    for chart in ALL[name].charts:
        assert chart in CHARTS, f"analytics.charts.registry has no {chart}"
        assert CHARTS[chart].function is getattr(charts, chart), f"{chart} is drawn by analytics.charts.{chart}"


def test_every_chart_of_the_package_is_in_the_registry_and_drawn_by_a_table():
    drawn = {chart for spec in ALL.values() for chart in spec.charts}
    assert set(CHARTS) == drawn


def test_a_table_with_one_chart_draws_it_and_one_with_several_must_say_which():
    assert chart_of("cohort_retention", ALL["cohort_retention"].charts) == "cohort_retention_heatmap"
    year = ALL["participation_by_year"].charts
    assert chart_of("participation_by_year", year, "schools_by_year") == "schools_by_year"
    with pytest.raises(ValueError, match="name the one to draw"):
        chart_of("participation_by_year", year)
    with pytest.raises(ValueError, match="does not declare the chart survey_summary"):
        chart_of("cohort_retention", ALL["cohort_retention"].charts, "survey_summary")


def test_draw_hands_goals_and_the_period_only_to_the_charts_that_take_them():
    path = pd.DataFrame({"stage": ["Participants", "Leaders", "Mentors"], "people": [100, 20, 5]})
    funnel = draw("pipeline_funnel", path, goals=pd.DataFrame(), when="Spring 2018 – Fall 2020")
    assert "Fall 2020" in funnel.layout.title.text and list(funnel.data[0].x) == [100, 20, 5]
    goals = pd.DataFrame({"metric": ["participants"], "period": ["Fall 2020"], "target": [500]})
    by_term = pd.DataFrame({"term": ["Fall 2020"], "participants": [400], "enrollments": [450], "courses": [20]})
    with_goals = draw("growth_since_pilot", by_term, goals=goals, when="ignored")
    assert len(with_goals.data) > len(draw("growth_since_pilot", by_term).data), "the goal is marked"


def calls(page: Path) -> list[ast.Call]:
    return [node for node in ast.walk(ast.parse(page.read_text(encoding="utf-8"))) if isinstance(node, ast.Call)]


def dotted(node: ast.expr) -> str:
    return f"{dotted(node.value)}.{node.attr}" if isinstance(node, ast.Attribute) else getattr(node, "id", "")


# Calls of a page that name a table by a literal first argument: reading it, opening the page on it, drawing it.
_TABLE_CALLS = ("data.table", "data.insight", "open_page", "table_chart")


def tables_read(page: Path) -> set[str]:
    """Table names a page reads or draws by a literal name."""
    return {
        _table_of(call) for call in calls(page) if dotted(call.func) in _TABLE_CALLS and _table_of(call) is not None
    }


def _table_of(call: ast.Call) -> str | None:
    if dotted(call.func) == "open_page":
        argument = call.args[2] if len(call.args) > 2 else None
    else:
        argument = call.args[0] if call.args else None
    return argument.value if isinstance(argument, ast.Constant) else None


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_the_registry_lists_exactly_the_pages_that_show_each_table(page):
    where = f"pages/{page.name}"
    declared = {name for name, spec in ALL.items() if where in spec.pages}
    assert tables_read(page) == declared


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_pages_draw_charts_only_through_the_registry(page):
    """No page picks a chart function by hand: ``table_chart`` draws what the table declares."""
    for call in calls(page):
        assert not dotted(call.func).startswith("charts."), f"{page.name}: {dotted(call.func)} is drawn by hand"
        if dotted(call.func) == "table_chart":
            table = _table_of(call)
            chosen = {k.arg: k.value.value for k in call.keywords if k.arg == "chart"}
            chart_of(table, ALL[table].charts, chosen.get("chart"))  # raises when the page asks for another


def test_the_page_check_sees_a_table_read_by_name(tmp_path):
    page = tmp_path / "p.py"
    page.write_text(
        'frame = data.table("returning_by_term", filters)\nother = data.insight("pipeline_path", f)\n'
        'filters, first = open_page("Title", "caption", "leader_pipeline")\ntable_chart("course_mix", filters)\n'
    )
    assert tables_read(page) == {"returning_by_term", "pipeline_path", "leader_pipeline", "course_mix"}


def test_links_join_declared_columns():
    for link in LINKS:
        assert link.total_column in TABLES[link.total_table].counts
        assert link.part_column in TABLES[link.part_table].counts
        for total_key, part_key in link.on:
            assert total_key in TABLES[link.total_table].keys and part_key in TABLES[link.part_table].keys


def test_every_released_table_is_modelled_and_its_counts_are_counts():
    """The release engine reads its tables from the registry: each released table has a membership
    query, protects only count columns of its own, and its derived columns follow its counts."""
    from analytics.disclosure.tables import RELEASE_TABLES, SEP

    released = {name for name, spec in ALL.items() if spec.released}
    assert released == set(RELEASE_TABLES)
    assert len(released) >= 10
    sql = Path(__file__).resolve().parent.parent / "analytics" / "sql" / "disclosure"
    for name in released:
        spec = ALL[name]
        assert (sql / f"{name}.sql").is_file(), name
        assert set(spec.protected) <= set(spec.columns) - set(spec.keys), name
        assert set(spec.present) <= set(spec.protected), name
        for column, sources in spec.derived.items():
            assert column in spec.columns and set(sources) <= set(spec.protected), (name, column)
        for school, table, people in spec.school_mates:
            assert school in spec.protected and people in ALL[table].protected, (name, school)
        # a repeated count (cohort_size) is modelled under the row key the registry names
        table = RELEASE_TABLES[name]
        row = dict(zip(spec.keys, (f"k{i}" for i in range(len(spec.keys))), strict=True))
        row_key = SEP.join(row.values())
        for column in spec.protected:
            listed = SEP.join(row[k] for k in spec.repeats[column]) if column in spec.repeats else row_key
            assert (table.alias(row_key, column) if table.alias else row_key) == listed, (name, column)
