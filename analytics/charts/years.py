"""Charts by school year (`participation_by_year`): leaders and mentors, schools reached.

Growth and new-vs-returning by school year are ``growth_since_pilot`` and ``returning_by_term``
given a `participation_by_year` frame. Sector, strand and cohort charts stay by term: counting a
person once a year in each of their sectors would count people who moved twice.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics.charts.base import (
    COUNT_FORMAT,
    blank_figure,
    count_text,
    measure_bar,
    numbers,
    ordered_terms,
    style,
    term_axis,
    titled,
)
from analytics.charts.marks import add_goal_marks, periods_with_goals


def _year_bars(frame: pd.DataFrame, measures: tuple[str, ...], what: str, goals: pd.DataFrame | None) -> go.Figure:
    if (blank := blank_figure(frame, ("school_year", *measures), what)) is not None:
        return blank
    years = ordered_terms(frame["school_year"])
    fig = go.Figure()
    for measure in measures:
        values = numbers(frame[measure])
        fig.add_trace(
            measure_bar(
                frame["school_year"].astype(str), values, measure, text=count_text(values), textposition="outside"
            )
        )
    marked = [p for m in measures for p in add_goal_marks(fig, goals, m, "school_year")]
    style(fig, titled(what, years), x_title="School year", y_title="People" if len(measures) > 1 else "Schools")
    term_axis(fig, periods_with_goals(years, marked))
    fig.update_layout(barmode="group")
    fig.update_yaxes(tickformat=COUNT_FORMAT, rangemode="tozero")
    if len(measures) == 1:
        fig.update_layout(showlegend=False)  # one series: the title says what it is
    return fig


def leaders_by_year(frame: pd.DataFrame, goals: pd.DataFrame | None = None) -> go.Figure:
    """Distinct participants, leaders and mentors per school year (a `participation_by_year` frame)."""
    return _year_bars(
        frame, ("participants", "leaders", "mentors"), "Participants, leaders and mentors by school year", goals
    )


def schools_by_year(frame: pd.DataFrame, goals: pd.DataFrame | None = None) -> go.Figure:
    """Distinct schools reached per school year (a `participation_by_year` frame)."""
    return _year_bars(frame, ("schools",), "Schools reached by school year", goals)
