"""The charts by name: what a table declaration's ``charts`` field (analytics/metrics/spec.py) refers to.

Each name maps to the function of this package that draws it and says what the function
takes besides the table's frame: the goals (for goal marks) or the span of terms the view
covers (a title for tables without a term column). The dashboard and the funder report draw
a table's charts through ``draw``, so adding a chart to a table is its function here plus its
name in the table's declaration (docs/decisions/080-adding-a-table.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from analytics.charts import exchange, participation, pipeline, years


@dataclass(frozen=True)
class Chart:
    function: Callable[..., go.Figure]
    takes_goals: bool = False  # draws goal marks: called with goals=
    takes_when: bool = False  # names the span of terms in its title: called with when=


CHARTS: dict[str, Chart] = {
    "growth_since_pilot": Chart(participation.growth_since_pilot, takes_goals=True),
    "schools_by_year": Chart(years.schools_by_year, takes_goals=True),
    "leaders_by_year": Chart(years.leaders_by_year, takes_goals=True),
    "returning_by_term": Chart(participation.returning_by_term, takes_goals=True),
    "leader_pipeline": Chart(pipeline.leader_pipeline, takes_goals=True),
    "participation_by_sector": Chart(participation.participation_by_sector),
    "participation_by_category": Chart(participation.participation_by_category),
    "schools_reached": Chart(participation.schools_reached),
    "cohort_retention_heatmap": Chart(pipeline.cohort_retention_heatmap),
    "conversion_by_cohort": Chart(pipeline.conversion_by_cohort),
    "mixing_index_over_time": Chart(exchange.mixing_index_over_time),
    "survey_summary": Chart(exchange.survey_summary),
    "cross_sector_heatmap": Chart(exchange.cross_sector_heatmap, takes_when=True),
    "pipeline_funnel": Chart(pipeline.pipeline_funnel, takes_when=True),
    "courses_per_person": Chart(participation.courses_per_person, takes_when=True),
}


def chart_of(table: str, declared: tuple[str, ...], chart: str | None = None) -> str:
    """The chart to draw for ``table``: ``chart`` when the table declares it, else the table's only chart.

    A table with several charts (participation_by_year) needs ``chart``; a chart the table does not
    declare is refused, so the registry always says which charts draw which table.
    """
    if chart is None:
        if len(declared) != 1:
            raise ValueError(f"{table} declares {len(declared)} charts {declared}: name the one to draw")
        return declared[0]
    if chart not in declared:
        raise ValueError(f"{table} does not declare the chart {chart} (it declares {declared})")
    return chart


def draw(chart: str, frame: pd.DataFrame, *, goals: pd.DataFrame | None = None, when: str = "", **options) -> go.Figure:
    """Figure ``chart`` of ``frame``; ``goals`` and ``when`` reach the charts that take them, ``options`` the
    chart's own keywords (participation_by_category's ``measure``)."""
    entry = CHARTS[chart]
    if entry.takes_goals:
        options["goals"] = goals
    if entry.takes_when:
        options["when"] = when
    return entry.function(frame, **options)
