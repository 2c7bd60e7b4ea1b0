"""A one-sentence text alternative for any chart of this package, for screen readers and the report.

Read from the figure itself (its title, traces and numbers), so it always says what the chart
shows, including withheld cells (never drawn, never described) and goal marks.
"""

from __future__ import annotations

import math
import re

import plotly.graph_objects as go

from analytics.charts.palette import measure_label

_PERCENT = re.compile(r"\.\d%\}")
_KINDS = {"scatter": "line chart", "bar": "bar chart", "heatmap": "heat map", "funnel": "funnel"}


def _title(fig: go.Figure) -> str:
    text = fig.layout.title.text if fig.layout.title and fig.layout.title.text else "Chart"
    return str(text).replace("<br>", " ")


def _points(trace) -> list[tuple[str, float]]:
    xs = list(trace.x) if trace.x is not None else []
    ys = list(trace.y) if trace.y is not None else []
    out = []
    for x, y in zip(xs, ys, strict=False):
        try:
            value = float(y)
        except (TypeError, ValueError):
            continue
        if not math.isnan(value):
            out.append((str(x), value))
    return out


def _fmt(value: float, percent: bool) -> str:
    return f"{value:.0%}" if percent else f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _is_rate(trace) -> bool:
    """A trace of rates formats its hover values as percentages (`%{y:.0%}`)."""
    return bool(_PERCENT.search(str(trace.hovertemplate or "")))


def describe(fig: go.Figure) -> str:
    """`Growth since the pilot, Spring 2017 – Fall 2020 (line chart of Participants, ...): Participants
    went from 71 in Spring 2017 to 517 in Fall 2020; goal marks: ...`."""
    title = _title(fig)
    annotations = [str(a.text) for a in fig.layout.annotations or () if a.text]
    data = [t for t in fig.data if not (t.meta and "goal_marks" in t.meta) and getattr(t, "mode", None) != "text"]
    goals = [t for t in fig.data if t.meta and "goal_marks" in t.meta]
    if not data:
        message = annotations[0] if annotations else "nothing to show"
        return f"{title}: {message[0].lower() + message[1:]}."
    kind = _KINDS.get(data[0].type, "chart")
    if data[0].type == "scatter" and getattr(data[0], "mode", None) == "markers":
        kind = "dot chart"
    names = list(dict.fromkeys(str(t.name) for t in data if t.name))
    head = f"{title} ({kind}" + (f" of {_join(names)}" if names and kind != "heat map" else "") + ")"
    detail = _detail(data)
    goal_text = _goals(goals)
    return head + (f": {detail}" if detail else "") + (f"; {goal_text}" if goal_text else "") + "."


def _detail(data) -> str:
    first = data[0]
    if first.type == "heatmap":
        cells = [
            v
            for row in (first.z if first.z is not None else ())
            for v in row
            if v is not None and not math.isnan(float(v))
        ]
        if not cells:
            return "every cell withheld"
        rate = _is_rate(first)
        return f"{len(cells)} cells shown, from {_fmt(min(cells), rate)} to {_fmt(max(cells), rate)}"
    if first.type == "funnel":
        stages = [f"{y} {_fmt(float(x), False)}" for y, x in zip(first.y, first.x, strict=False) if x == x]
        return ", ".join(stages)
    points = _points(first)
    if not points:
        return "its numbers are withheld"
    name = str(first.name or "the values")
    if len(points) == 1:
        return f"{name} {_fmt(points[0][1], _is_rate(first))} in {points[0][0]}"
    (x0, y0), (x1, y1) = points[0], points[-1]
    top = max(points, key=lambda p: p[1])
    rate = _is_rate(first)
    text = f"{name} went from {_fmt(y0, rate)} in {x0} to {_fmt(y1, rate)} in {x1}"
    if top[1] > max(y0, y1):
        text += f", highest {_fmt(top[1], rate)} in {top[0]}"
    return text


def _goals(goals) -> str:
    marks = [
        f"{measure_label(t.meta['goal_marks']).lower()} {text.removeprefix('goal ')} in {x}"
        for t in goals
        for x, text in zip(t.x, t.text, strict=False)
    ]
    return "goals: " + ", ".join(marks) if marks else ""


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
