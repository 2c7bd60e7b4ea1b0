"""Charts of the people pipeline: cohort retention, leaders and mentors, conversion, the funnel."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analytics.charts.base import (
    COUNT_FORMAT,
    PERCENT_FORMAT,
    blank_figure,
    count_text,
    empty_figure,
    is_empty,
    legend_above_subplot_titles,
    measure_bar,
    numbers,
    ordered_terms,
    percent_text,
    style,
    term_axis,
    titled,
)
from analytics.charts.marks import add_goal_marks, periods_with_goals
from analytics.charts.palette import HEATMAP_SCALE, MEASURE_COLOURS, OKABE_ITO, measure_label


def cohort_retention_heatmap(frame: pd.DataFrame) -> go.Figure:
    """Share of each first-term cohort (rows) active in each later term (columns) (`cohort_retention`)."""
    title_what = "Cohort retention: share of each starting cohort taking part again"
    if (blank := blank_figure(frame, ("cohort", "cohort_size", "term", "retention_rate"), title_what)) is not None:
        return blank
    terms = ordered_terms(frame["term"])
    cohorts = ordered_terms(frame["cohort"])
    rates = frame.assign(rate=numbers(frame["retention_rate"]), term=frame["term"].astype(str))
    grid = rates.pivot_table(index="cohort", columns="term", values="rate", aggfunc="first", dropna=False)
    grid = grid.reindex(index=cohorts, columns=terms)
    sizes = frame.drop_duplicates("cohort").set_index("cohort")["cohort_size"]
    y_labels = [_cohort_label(c, sizes.get(c)) for c in cohorts]
    text = [percent_text(grid.loc[c]) for c in cohorts]
    fig = go.Figure(
        go.Heatmap(
            z=grid.to_numpy(dtype="float64"),
            x=terms,
            y=y_labels,
            text=text,
            texttemplate="%{text}",
            colorscale=HEATMAP_SCALE,
            zmin=0,
            zmax=1,
            colorbar={"title": {"text": "Active"}, "tickformat": PERCENT_FORMAT},
            hovertemplate="Cohort %{y}<br>%{x}: %{z:.0%} active<extra></extra>",
            xgap=2,
            ygap=2,
        )
    )
    style(fig, titled(title_what, terms), x_title="Term", y_title="First term (cohort size)")
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(type="category", side="bottom")
    return fig


def _cohort_label(cohort: str, size: object) -> str:
    size = pd.to_numeric(pd.Series([size]), errors="coerce").iloc[0]
    return f"{cohort} (withheld)" if pd.isna(size) else f"{cohort} ({size:,.0f})"


def leader_pipeline(frame: pd.DataFrame, goals: pd.DataFrame | None = None) -> go.Figure:
    """Participants per term (top); leaders, mentors, leaders grown from within and leaders so far (bottom)."""
    title_what = "Leader pipeline"
    needed = ("term", "participants", "leaders", "mentors", "leaders_from_participants", "cumulative_leaders")
    if (blank := blank_figure(frame, needed, title_what)) is not None:
        return blank
    terms = ordered_terms(frame["term"])
    x = frame["term"].astype(str)
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.12,
        row_heights=[0.4, 0.6],
        subplot_titles=("Participants", "Leaders and mentors"),
    )
    fig.add_trace(
        go.Bar(
            x=x,
            y=numbers(frame["participants"]),
            name="Participants",
            marker_color=MEASURE_COLOURS["participants"],
            hovertemplate="%{x}: %{y:,.0f} participants<extra></extra>",
        ),
        row=1,
        col=1,
    )
    for measure in ("leaders", "leaders_from_participants", "mentors"):
        fig.add_trace(
            measure_bar(x, numbers(frame[measure]), measure),
            row=2,
            col=1,
        )
    fig.add_trace(
        go.Scatter(
            x=x,
            y=numbers(frame["cumulative_leaders"]),
            name=measure_label("cumulative_leaders"),
            mode="lines+markers",
            # a running total only rises: joining the shown points across a withheld term reveals nothing
            connectgaps=True,
            line={"color": MEASURE_COLOURS["cumulative_leaders"], "width": 3},
            hovertemplate="%{x}: %{y:,.0f} leaders so far<extra></extra>",
        ),
        row=2,
        col=1,
    )
    marked = add_goal_marks(fig, goals, "participants", "term", row=1, col=1)
    for measure in ("leaders", "leaders_from_participants", "cumulative_leaders"):
        marked += add_goal_marks(fig, goals, measure, "term", row=2, col=1)
    style(fig, titled(title_what, terms))
    term_axis(fig, periods_with_goals(terms, marked))
    fig.update_layout(barmode="group", height=560)
    legend_above_subplot_titles(fig)
    fig.update_xaxes(title_text="Term", row=2, col=1)
    fig.update_yaxes(title_text="Participants", tickformat=COUNT_FORMAT, row=1, col=1)
    fig.update_yaxes(title_text="People", tickformat=COUNT_FORMAT, row=2, col=1)
    return fig


def conversion_by_cohort(frame: pd.DataFrame) -> go.Figure:
    """Share of each first-term cohort who later led a course (`pipeline_conversion`), labelled `19 of 69`."""
    title_what = "Participants who went on to lead, by first term"
    if (
        blank := blank_figure(frame, ("cohort", "cohort_size", "became_leader", "conversion_rate"), title_what)
    ) is not None:
        return blank
    cohorts = ordered_terms(frame["cohort"])
    led, size = numbers(frame["became_leader"]), numbers(frame["cohort_size"])
    labels = ["" if pd.isna(a) or pd.isna(b) else f"{a:,.0f} of {b:,.0f}" for a, b in zip(led, size, strict=True)]
    rates = numbers(frame["conversion_rate"])
    fig = go.Figure(
        go.Bar(
            x=frame["cohort"].astype(str),
            y=rates,
            text=labels,
            textposition="outside",
            name="Became a leader",
            marker_color=MEASURE_COLOURS["conversion_rate"],
            hovertemplate="Cohort %{x}: %{y:.1%} became leaders (%{text})<extra></extra>",
        )
    )
    withheld = frame["cohort"].astype(str)[rates.isna().to_numpy() & size.notna().to_numpy()]
    if len(withheld):
        # say so where a bar is missing, rather than leave a gap that reads as zero
        fig.add_trace(
            go.Scatter(
                x=withheld,
                y=[0.0] * len(withheld),
                mode="text",
                text=["withheld"] * len(withheld),
                textposition="top center",
                textfont={"color": "#777777", "size": 11},
                showlegend=False,
                hoverinfo="skip",
            )
        )
    style(fig, titled(title_what, cohorts), x_title="First term (cohort)", y_title="Became a leader")
    fig.update_layout(showlegend=False)  # one series: the title says what it is
    term_axis(fig, cohorts)
    top = numbers(frame["conversion_rate"]).max()
    fig.update_yaxes(tickformat=PERCENT_FORMAT, range=[0, min(1.0, (0 if pd.isna(top) else top) * 1.25 + 0.05)])
    return fig


def pipeline_funnel(stages: Mapping[str, float] | pd.DataFrame, when: str = "") -> go.Figure:
    """Participant -> leader -> mentor funnel from stage counts (a dict, or the ``pipeline_path`` frame: stage, people)."""
    title_what = "From participant to leader to mentor" + (f", {when}" if when else "")
    if isinstance(stages, pd.DataFrame):
        if is_empty(stages, ("stage", "people")):
            return empty_figure(title_what)
        stages = dict(zip(stages["stage"].astype(str), stages["people"], strict=True))
    values = numbers(pd.Series(list(stages.values()), dtype="object"))
    if not stages or values.isna().all() or (values.fillna(0) == 0).all():
        return empty_figure(title_what)
    colours = [MEASURE_COLOURS["participants"], MEASURE_COLOURS["leaders"], MEASURE_COLOURS["mentors"]]
    colours += [OKABE_ITO["grey"]] * max(0, len(stages) - len(colours))
    fig = go.Figure(
        go.Funnel(
            y=list(stages),
            x=values,
            text=count_text(values),
            textinfo="text",
            marker={"color": colours[: len(stages)]},
            connector={"fillcolor": "#e8eef5"},
            hovertemplate="%{y}: %{x:,.0f}<extra></extra>",
        )
    )
    style(fig, title_what, x_title="People", y_title="Stage")
    fig.update_xaxes(tickformat=COUNT_FORMAT)
    return fig
