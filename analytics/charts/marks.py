"""Goal marks: a metric's targets drawn on the charts of that metric (docs/METRICS.md, Goals).

A mark is a short black bar across the period's position at the target's height, labelled
`goal 500`; a goal for a period still to come extends the axis so it is seen ahead.
Marks take any frame with ``metric, period, target`` (the goals, or goal_progress, live or
from a release).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics.charts.palette import OKABE_ITO, measure_label
from analytics.school_years import parse_school_year
from analytics.vocab import parse_term

GOAL_NAME = "Goal"


def goal_rows(goals: pd.DataFrame | None, metric: str, period_column: str) -> pd.DataFrame:
    """The ``period, target`` of ``metric``'s goals whose period suits the axis (terms or school years)."""
    empty = pd.DataFrame({"period": pd.Series(dtype="str"), "target": pd.Series(dtype="float64")})
    if goals is None or goals.empty or not {"metric", "period", "target"} <= set(goals.columns):
        return empty
    parse = parse_school_year if period_column == "school_year" else parse_term
    rows = goals[(goals["metric"].astype(str) == metric) & goals["period"].map(lambda p: parse(p) is not None)]
    rows = rows.assign(target=pd.to_numeric(rows["target"], errors="coerce")).dropna(subset=["target"])
    return rows[["period", "target"]].astype({"period": "str"}).reset_index(drop=True) if len(rows) else empty


def add_goal_marks(
    fig: go.Figure,
    goals: pd.DataFrame | None,
    metric: str,
    period_column: str,
    *,
    rate: bool = False,
    row: int | None = None,
    col: int | None = None,
    secondary_y: bool | None = None,
) -> list[str]:
    """Draw ``metric``'s goals on ``fig``; returns the periods marked (to extend the axis with)."""
    rows = goal_rows(goals, metric, period_column)
    if rows.empty:
        return []
    labels = [f"goal {v:.0%}" if rate else f"goal {v:,.0f}" for v in rows["target"]]
    trace = go.Scatter(
        x=rows["period"],
        y=rows["target"],
        mode="markers+text",
        name=f"{GOAL_NAME}: {measure_label(metric).lower()}",
        marker={
            "symbol": "line-ew-open",
            "size": 34,
            "color": OKABE_ITO["black"],
            "line": {"width": 3, "color": OKABE_ITO["black"]},
        },
        text=labels,
        textposition="top center",
        textfont={"size": 11, "color": OKABE_ITO["black"]},
        hovertemplate="%{x}: %{text}<extra>" + measure_label(metric) + "</extra>",
        meta={"goal_marks": metric},
    )
    where = {k: v for k, v in (("row", row), ("col", col), ("secondary_y", secondary_y)) if v is not None}
    fig.add_trace(trace, **where)
    return rows["period"].tolist()


def periods_with_goals(periods: list[str], marked: list[str]) -> list[str]:
    """The axis's periods plus any goal periods not on it, in order (terms by term order, years by start)."""
    extra = [p for p in dict.fromkeys(marked) if p not in periods]
    if not extra:
        return periods

    def key(label: str) -> tuple[int, str]:
        term = parse_term(label)
        if term is not None:
            return (term.order, label)
        year = parse_school_year(label)
        return ((year.start if year else 10**5) * 10, label)

    return sorted([*periods, *extra], key=key)
