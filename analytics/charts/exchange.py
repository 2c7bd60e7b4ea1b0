"""Charts of exchange across sectors and of the post-course survey."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analytics.charts.base import (
    PERCENT_FORMAT,
    add_group_panels,
    blank_figure,
    count_text,
    groups_in_order,
    legend_above_subplot_titles,
    numbers,
    ordered_terms,
    style,
    term_axis,
    titled,
)
from analytics.charts.palette import CATEGORY_COLOURS, HEATMAP_SCALE, MEASURE_COLOURS, category_label, sector_label
from analytics.vocab import CATEGORIES, SECTORS


def cross_sector_heatmap(frame: pd.DataFrame, when: str = "") -> go.Figure:
    """Enrollments by leader's sector (rows) and participant's sector (columns) (`cross_sector_exchange`)."""
    title_what = "Who learns from whom: enrollments by leader's and participant's sector"
    title = f"{title_what}, {when}" if when else title_what
    if (blank := blank_figure(frame, ("leader_sector", "participant_sector", "enrollments"), title)) is not None:
        return blank
    leaders = groups_in_order(frame["leader_sector"], SECTORS)
    learners = groups_in_order(frame["participant_sector"], SECTORS)
    cells = frame.assign(n=numbers(frame["enrollments"]), one=1)
    present = (
        cells.pivot_table(index="leader_sector", columns="participant_sector", values="one", aggfunc="sum")
        .reindex(index=leaders, columns=learners)
        .notna()
    )
    grid = cells.pivot_table(
        index="leader_sector", columns="participant_sector", values="n", aggfunc="first", dropna=False
    ).reindex(index=leaders, columns=learners)
    fig = go.Figure(
        go.Heatmap(
            z=grid.to_numpy(dtype="float64"),
            x=[sector_label(s) for s in learners],
            y=[sector_label(s) for s in leaders],
            text=[_withheld_text(grid.loc[s], present.loc[s]) for s in leaders],
            texttemplate="%{text}",
            colorscale=HEATMAP_SCALE,
            colorbar={"title": {"text": "Enrollments"}, "tickformat": ",d"},
            hovertemplate="Led by %{y}, taken by %{x}: %{z:,.0f} enrollments<extra></extra>",
            xgap=2,
            ygap=2,
        )
    )
    style(fig, title, x_title="Participant's sector", y_title="Leader's sector")
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(type="category")
    return fig


def _withheld_text(values: pd.Series, present: pd.Series) -> list[str]:
    """Counts with thousands separators; a row that exists but is blank was withheld."""
    shown = count_text(values)
    return ["withheld" if has and pd.isna(v) else text for v, has, text in zip(values, present, shown, strict=True)]


# Above this many courses the chart shows each strand's average per term instead of one dot per course.
MAX_COURSE_DOTS = 600


def mixing_index_over_time(frame: pd.DataFrame) -> go.Figure:
    """How mixed each course's participants are across sectors (`course_mix`): courses as dots, term mean as a line.

    0 = everyone from one sector; higher = more evenly mixed (Gini-Simpson).
    """
    title_what = "How mixed courses are across sectors"
    if (blank := blank_figure(frame, ("term", "course_title", "category", "mixing_index"), title_what)) is not None:
        return blank
    terms = ordered_terms(frame["term"])
    mix = frame.assign(index=numbers(frame["mixing_index"]), term=frame["term"].astype(str))
    fig = go.Figure()
    many = len(mix) > MAX_COURSE_DOTS
    for category in groups_in_order(mix["category"], CATEGORIES):
        rows = mix[mix["category"].astype(str) == category]
        colour = CATEGORY_COLOURS.get(category, "#999999")
        if many:
            # Thousands of dots say nothing and weigh megabytes in the browser: each strand's term average instead.
            fig.add_trace(_average_line(rows, terms, f"{category_label(category)} (average)", colour, width=2))
            continue
        fig.add_trace(
            go.Scatter(
                x=rows["term"],
                y=rows["index"],
                mode="markers",
                name=category_label(category),
                marker={"color": colour, "size": 9, "opacity": 0.75},
                customdata=rows[["course_title"]].astype(str).to_numpy(),
                hovertemplate="%{customdata[0]} (%{x}): %{y:.2f}<extra></extra>",
            )
        )
    fig.add_trace(_average_line(mix, terms, "Average course", MEASURE_COLOURS["mixing_index"], width=3))
    style(fig, titled(title_what, terms), x_title="Term", y_title="Mixing index (0 = one sector)")
    term_axis(fig, terms)
    fig.update_yaxes(range=[0, 1], tickformat=".1f")
    return fig


def _average_line(rows: pd.DataFrame, terms: list[str], name: str, colour: str, *, width: int) -> go.Scatter:
    """The mean mixing index of ``rows`` in each term, as a line (a term without rows is a gap)."""
    means = rows.groupby("term", sort=False)["index"].mean().reindex(terms)
    return go.Scatter(
        x=terms,
        y=means.to_numpy(),
        mode="lines+markers",
        name=name,
        line={"color": colour, "width": width},
        hovertemplate="%{x}: average %{y:.2f}<extra></extra>",
    )


_SURVEY_PANELS = (
    ("avg_rating", "Average rating (1–5)", {"range": [1, 5], "tickformat": ".1f"}),
    ("nps", "Net promoter score", {"range": [-100, 100], "tickformat": ",d"}),
    ("implement_agree_rate", "Plan to implement", {"range": [0, 1], "tickformat": PERCENT_FORMAT}),
)


def survey_summary(frame: pd.DataFrame) -> go.Figure:
    """Rating, NPS and plans to implement by term, one line per strand (`survey_by_category`)."""
    title_what = "Post-course survey by strand"
    if (blank := blank_figure(frame, ("term", "category", *(p[0] for p in _SURVEY_PANELS)), title_what)) is not None:
        return blank
    terms = ordered_terms(frame["term"])
    fig = make_subplots(rows=1, cols=3, subplot_titles=[p[1] for p in _SURVEY_PANELS], horizontal_spacing=0.07)
    hover_formats = {"avg_rating": ".2f", "nps": ".1f", "implement_agree_rate": ".0%"}

    def line(category: str, measure: str, **shared) -> go.Scatter:
        return go.Scatter(
            **shared,
            mode="lines+markers",
            line={"color": CATEGORY_COLOURS.get(category, "#999999"), "width": 2},
            hovertemplate="%{x}, " + category_label(category) + ": %{y:" + hover_formats[measure] + "}<extra></extra>",
        )

    add_group_panels(fig, frame, "category", CATEGORIES, category_label, [p[0] for p in _SURVEY_PANELS], line)
    style(fig, titled(title_what, terms))
    legend_above_subplot_titles(fig)
    term_axis(fig, terms)
    for col, (_, _label, axis) in enumerate(_SURVEY_PANELS, start=1):
        # each panel's title names its axis; y-axis titles beside narrow panels would collide
        fig.update_yaxes(row=1, col=col, **axis)
        fig.update_xaxes(title_text="Term", row=1, col=col)
    return fig
