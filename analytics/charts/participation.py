"""Charts of participation: growth since the pilot, by sector, by strand, schools, new vs returning, courses per person."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analytics.charts.base import (
    COUNT_FORMAT,
    PERCENT_FORMAT,
    WITHHELD,
    add_group_panels,
    blank_figure,
    count_text,
    empty_figure,
    groups_in_order,
    is_empty,
    legend_above_subplot_titles,
    measure_bar,
    numbers,
    ordered_terms,
    period_of,
    style,
    term_axis,
    titled,
)
from analytics.charts.marks import add_goal_marks, periods_with_goals
from analytics.charts.palette import (
    CATEGORY_COLOURS,
    MEASURE_COLOURS,
    SECTOR_COLOURS,
    category_label,
    measure_label,
    sector_label,
)
from analytics.vocab import CATEGORIES, SECTORS


def growth_since_pilot(frame: pd.DataFrame, goals: pd.DataFrame | None = None) -> go.Figure:
    """Participants, enrollments and courses as lines, by term (`participation_by_term`) or by school year
    (`participation_by_year`), with goal marks for participants and courses."""
    measures = ("participants", "enrollments", "courses")
    period, axis = period_of(frame)
    what = "Growth by school year" if period == "school_year" else "Growth since the pilot"
    if (blank := blank_figure(frame, (period, *measures), what)) is not None:
        return blank
    terms = ordered_terms(frame[period])
    fig = go.Figure()
    for measure in measures:
        fig.add_trace(
            go.Scatter(
                x=frame[period].astype(str),
                y=numbers(frame[measure]),
                name=measure_label(measure),
                mode="lines+markers",
                line={"color": MEASURE_COLOURS[measure], "width": 3},
                marker={"size": 7},
                hovertemplate="%{x}: %{y:,.0f} " + measure + "<extra></extra>",
            )
        )
    marked = [p for m in ("participants", "courses") for p in add_goal_marks(fig, goals, m, period)]
    style(fig, titled(what, terms), x_title=axis, y_title="Count")
    term_axis(fig, periods_with_goals(terms, marked))
    fig.update_yaxes(tickformat=COUNT_FORMAT, rangemode="tozero")
    fig.update_layout(hovermode="x unified")
    return fig


def _stacked_by_group(
    frame: pd.DataFrame,
    group_col: str,
    measure: str,
    canonical: tuple[str, ...],
    colours: dict[str, str],
    label,
    what: str,
) -> go.Figure:
    title_what = f"{measure_label(measure)} by {what}"
    if (blank := blank_figure(frame, ("term", group_col, measure), title_what)) is not None:
        return blank
    terms = ordered_terms(frame["term"])
    fig = go.Figure()
    for group in groups_in_order(frame[group_col], canonical):
        rows = frame[frame[group_col].astype(str) == group]
        fig.add_trace(
            go.Bar(
                x=rows["term"].astype(str),
                y=numbers(rows[measure]),
                name=label(group),
                marker_color=colours.get(group, "#999999"),
                hovertemplate="%{x}, " + label(group) + ": %{y:,.0f}<extra></extra>",
            )
        )
    style(fig, titled(title_what, terms), x_title="Term", y_title=measure_label(measure))
    term_axis(fig, terms)
    fig.update_layout(barmode="stack")
    fig.update_yaxes(tickformat=COUNT_FORMAT)
    return fig


def participation_by_sector(frame: pd.DataFrame, measure: str = "participants") -> go.Figure:
    """Stacked bars per term, one colour per sector (a `participation_by_sector` frame)."""
    return _stacked_by_group(frame, "sector", measure, SECTORS, SECTOR_COLOURS, sector_label, "sector")


def participation_by_category(frame: pd.DataFrame, measure: str = "participants") -> go.Figure:
    """Stacked bars per term, one colour per strand (a `participation_by_category` frame)."""
    return _stacked_by_group(frame, "category", measure, CATEGORIES, CATEGORY_COLOURS, category_label, "strand")


def schools_reached(frame: pd.DataFrame) -> go.Figure:
    """New schools each term (left) and schools reached so far (right), stacked by sector."""
    title_what = "Schools reached by sector"
    if (blank := blank_figure(frame, ("term", "sector", "new_schools", "cumulative_schools"), title_what)) is not None:
        return blank
    terms = ordered_terms(frame["term"])
    fig = make_subplots(
        rows=1, cols=2, subplot_titles=("New schools each term", "Schools reached so far"), horizontal_spacing=0.1
    )

    def bars(sector: str, _measure: str, **shared) -> go.Bar:
        return go.Bar(
            **shared,
            marker_color=SECTOR_COLOURS.get(sector, "#999999"),
            hovertemplate="%{x}, " + sector_label(sector) + ": %{y:,.0f}<extra></extra>",
        )

    add_group_panels(fig, frame, "sector", SECTORS, sector_label, ("new_schools", "cumulative_schools"), bars)
    style(fig, titled(title_what, terms))
    term_axis(fig, terms)
    fig.update_xaxes(title_text="Term")
    fig.update_yaxes(title_text="Schools", tickformat=COUNT_FORMAT)
    fig.update_layout(barmode="stack")
    legend_above_subplot_titles(fig)
    return fig


def returning_by_term(frame: pd.DataFrame, goals: pd.DataFrame | None = None) -> go.Figure:
    """New and returning participants (stacked bars) with the returning rate as a line on a % axis.

    By term (`returning_by_term`) or by school year (`participation_by_year`, whose rate is
    returning / participants of the year); goal marks for new participants and the rate.
    """
    period, axis = period_of(frame)
    if frame is not None and not frame.empty and "returning_rate" not in frame.columns:
        participants = numbers(frame["participants"])
        frame = frame.assign(returning_rate=(numbers(frame["returning_participants"]) / participants).round(4))
    title_what = "New and returning participants" + (" by school year" if period == "school_year" else "")
    if (
        blank := blank_figure(
            frame, (period, "new_participants", "returning_participants", "returning_rate"), title_what
        )
    ) is not None:
        return blank
    terms = ordered_terms(frame[period])
    x = frame[period].astype(str)
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    for measure in ("returning_participants", "new_participants"):
        fig.add_trace(
            measure_bar(x, numbers(frame[measure]), measure),
            secondary_y=False,
        )
    fig.add_trace(
        go.Scatter(
            x=x,
            y=numbers(frame["returning_rate"]),
            name="Returning rate",
            mode="lines+markers",
            line={"color": MEASURE_COLOURS["returning_rate"], "width": 3},
            hovertemplate="%{x}: %{y:.0%} returning<extra></extra>",
        ),
        secondary_y=True,
    )
    marked = add_goal_marks(fig, goals, "new_participants", period, secondary_y=False)
    marked += add_goal_marks(fig, goals, "returning_rate", period, rate=True, secondary_y=True)
    style(fig, titled(title_what, terms), x_title=axis)
    term_axis(fig, periods_with_goals(terms, marked))
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title_text="Participants", tickformat=COUNT_FORMAT, secondary_y=False)
    fig.update_yaxes(
        title_text="Returning rate",
        tickformat=PERCENT_FORMAT,
        range=[0, 1],
        tickmode="linear",  # round steps (0%, 25%, ...) instead of ticks aligned to the count axis
        tick0=0,
        dtick=0.25,
        showgrid=False,
        secondary_y=True,
    )
    return fig


def courses_per_person(frame: pd.DataFrame, when: str = "") -> go.Figure:
    """How many people took 1, 2, 3 ... courses (a ``courses_per_person`` frame), as bars."""
    title = "How many courses each person took" + (f", {when}" if when else "")
    if is_empty(frame, ("courses_taken", "people")):
        return empty_figure(title)
    if numbers(frame["people"]).isna().all():  # a release withheld every bar: say so rather than draw empty axes
        return empty_figure(title, WITHHELD)
    taken = numbers(frame["courses_taken"]).astype("int64")
    labels = [f"{n} course" + ("" if n == 1 else "s") for n in taken]
    people = numbers(frame["people"])
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=people,
            text=count_text(people),
            textposition="outside",
            marker_color=MEASURE_COLOURS["participants"],
            hovertemplate="%{x}: %{y:,.0f} people<extra></extra>",
        )
    )
    style(fig, title, x_title="Courses taken", y_title="People")
    fig.update_xaxes(type="category")
    fig.update_yaxes(tickformat=COUNT_FORMAT, rangemode="tozero")
    fig.update_layout(showlegend=False)
    return fig
