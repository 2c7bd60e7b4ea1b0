"""What every chart shares: term order, titles with their span, empty figures, the house layout."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import pandas as pd
import plotly.graph_objects as go

from analytics.charts.palette import MEASURE_COLOURS, measure_label
from analytics.vocab import parse_term

NO_DATA = "No data for these filters"
WITHHELD = "Every number here is withheld: too few people to show"
# Columns that name a row rather than measure it.
KEY_COLUMNS = frozenset(
    {
        "term",
        "school_year",
        "cohort",
        "sector",
        "category",
        "leader_sector",
        "participant_sector",
        "course_code",
        "course_title",
    }
)
FONT = "Inter, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
COUNT_FORMAT = ",d"  # thousands separators, no decimals
PERCENT_FORMAT = ".0%"


def numbers(series: pd.Series) -> pd.Series:
    """A column as float64, withheld or blank cells (NA, None, '') as NaN, which plotly leaves undrawn."""
    return pd.to_numeric(series, errors="coerce").astype("float64")


def term_key(label: object) -> tuple[int, str]:
    """Sort key of a term label: by term order; text that is not a term goes last, alphabetically."""
    term = parse_term(label)
    return (term.order if term else 10**6, str(label))


def ordered_terms(labels: Iterable[object]) -> list[str]:
    """Distinct term labels in term order (Winter < Spring < Summer < Fall within a year)."""
    return sorted({str(label) for label in labels if not pd.isna(label)}, key=term_key)


def span(labels: Iterable[object]) -> str:
    """`Spring 2017 – Fall 2020` (or one term) for a title; empty when there are no terms."""
    terms = ordered_terms(labels)
    if not terms:
        return ""
    return terms[0] if len(terms) == 1 else f"{terms[0]} – {terms[-1]}"


def titled(what: str, labels: Iterable[object] = ()) -> str:
    """A title saying what and when: `Participants by sector, Spring 2017 – Fall 2020`."""
    when = span(labels)
    return f"{what}, {when}" if when else what


def period_of(frame: pd.DataFrame | None) -> tuple[str, str]:
    """(the column a chart's x axis runs over, its axis title): school years when the frame has them."""
    if frame is not None and "school_year" in frame.columns and "term" not in frame.columns:
        return "school_year", "School year"
    return "term", "Term"


def is_empty(frame: pd.DataFrame | None, required: Iterable[str] = ()) -> bool:
    """True when there is nothing to draw (no frame, no rows, or a required column missing)."""
    return frame is None or frame.empty or any(col not in frame.columns for col in required)


def blank_figure(frame: pd.DataFrame | None, required: Iterable[str], what: str) -> go.Figure | None:
    """The figure to show instead of a chart, or None when there is something to draw.

    No rows: "No data for these filters". Rows whose measures are all withheld (or zero):
    say so, rather than draw empty axes with made-up ticks.
    """
    required = tuple(required)
    if is_empty(frame, required):
        return empty_figure(what)
    columns = [numbers(frame[c]) for c in required if c not in KEY_COLUMNS]
    # nothing but blanks and zeros, some of them withheld: there is nothing to look at
    if columns and not any((col.fillna(0) != 0).any() for col in columns) and any(col.isna().any() for col in columns):
        when = "cohort" if "cohort" in frame.columns and "term" not in frame.columns else "term"
        return empty_figure(titled(what, frame[when]) if when in frame.columns else what, WITHHELD)
    return None


def empty_figure(title: str, message: str = NO_DATA) -> go.Figure:
    """A figure that says plainly there is nothing to show, instead of empty axes."""
    fig = go.Figure()
    fig.add_annotation(
        text=message,
        xref="paper",
        yref="paper",
        x=0.5,
        y=0.5,
        showarrow=False,
        font={"size": 16, "color": "#555555"},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(height=240)  # a message, not a chart: no need for a chart's height
    return style(fig, title)


def style(fig: go.Figure, title: str, *, x_title: str | None = None, y_title: str | None = None) -> go.Figure:
    """The house layout: white background, readable title, legend above the plot, axis titles."""
    fig.update_layout(
        template="plotly_white",
        title={"text": title, "x": 0.0, "xanchor": "left", "font": {"size": 17}},
        font={"family": FONT, "size": 13, "color": "#222222"},
        # traceorder normal: stacked bars otherwise list their legend bottom-up, against the fixed sector order
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.02,
            "xanchor": "left",
            "x": 0.0,
            "title": None,
            "traceorder": "normal",
        },
        margin={"l": 60, "r": 30, "t": 90, "b": 60},
        separators=".,",  # decimal point, thousands comma (US style, as the collaborative reports)
        hoverlabel={"font": {"family": FONT}},
    )
    if x_title is not None:
        fig.update_xaxes(title_text=x_title)
    if y_title is not None:
        fig.update_yaxes(title_text=y_title)
    return fig


def term_axis(fig: go.Figure, terms: list[str], **where) -> None:
    """Put terms on the x axis in term order (not alphabetical), even when a term has no bar."""
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=terms, **where)


def count_text(values: pd.Series) -> list[str]:
    """Cell labels with thousands separators; withheld cells get no label."""
    return ["" if pd.isna(v) else f"{v:,.0f}" for v in values]


def percent_text(values: pd.Series, digits: int = 0) -> list[str]:
    """Cell labels as percentages; withheld cells get no label."""
    return ["" if pd.isna(v) else f"{v:.{digits}%}" for v in values]


def legend_above_subplot_titles(fig: go.Figure) -> None:
    """Lift the legend clear of subplot titles, which sit just above each panel."""
    fig.update_layout(legend={"y": 1.1}, margin={"t": 130})


def groups_in_order(values: pd.Series, canonical: tuple[str, ...]) -> list[str]:
    """Groups present (sectors, strands), canonical ones first in their fixed order, then any unexpected ones."""
    present = {str(v) for v in values.dropna().unique()}
    return [g for g in canonical if g in present] + sorted(present - set(canonical))


def add_group_panels(
    fig: go.Figure,
    frame: pd.DataFrame,
    group_col: str,
    canonical: tuple[str, ...],
    label: Callable[[str], str],
    measures: Sequence[str],
    trace: Callable[..., go.BaseTraceType],
) -> None:
    """Side-by-side panels by term, ``measures`` one per panel, a trace per group (sector, strand) in each.

    A group keeps one legend entry across the panels (its traces share a legend group, the first
    panel's shows). ``trace(group, measure, **shared)`` draws one; ``shared`` holds x, y, name and
    the legend settings, so a chart adds only its kind of trace, colours and hover text.
    """
    for group in groups_in_order(frame[group_col], canonical):
        rows = frame[frame[group_col].astype(str) == group]
        for col, measure in enumerate(measures, start=1):
            shared = {
                "x": rows["term"].astype(str),
                "y": numbers(rows[measure]),
                "name": label(group),
                "legendgroup": group,
                "showlegend": col == 1,
            }
            fig.add_trace(trace(group, measure, **shared), row=1, col=col)


def measure_bar(x: pd.Series, values: pd.Series, measure: str, **more) -> go.Bar:
    """One measure as bars in its fixed colour, hovering "Fall 2019: 1,234 participants"."""
    return go.Bar(
        x=x,
        y=values,
        name=measure_label(measure),
        marker_color=MEASURE_COLOURS.get(measure, "#999999"),
        hovertemplate="%{x}: %{y:,.0f} " + measure_label(measure).lower() + "<extra></extra>",
        **more,
    )
