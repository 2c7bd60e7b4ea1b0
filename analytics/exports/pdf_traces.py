"""How ``pdf_charts`` draws each kind of plotly trace, and styles an axis, with matplotlib."""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go
from matplotlib.ticker import FuncFormatter, MultipleLocator, PercentFormatter

INK, MUTED, GRID = "#222222", "#555555", "#e5e8ec"
_PX_TO_PT = 0.6  # plotly line widths and marker sizes are screen pixels; a printed chart wants them finer


def pt(size: float) -> float:
    """A font size in points as the PDF will show it: the PDF writer reads SVG text sizes as CSS pixels
    (3/4 of a point), so sizes are written 4/3 larger."""
    return size * 4 / 3


def array_values(array) -> list:
    if array is None:
        return []
    return list(np.asarray(array, dtype=object).ravel()) if not isinstance(array, (list, tuple)) else list(array)


def number(value) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return math.nan
    return number


def axis_layout(fig: go.Figure, axis_id: str):
    """layout.xaxis / layout.yaxis2 ... for a trace's axis id ('x', 'y2')."""
    letter, number = axis_id[0], axis_id[1:]
    return fig.layout[f"{letter}axis{number}"]


def _formatter(tickformat: str | None):
    if not tickformat:
        return None
    if tickformat.endswith("%"):
        return PercentFormatter(1.0, decimals=int(tickformat[1:-1] or 0) if tickformat[1:-1].isdigit() else 0)
    if tickformat in (",d", "d", ",.0f"):
        return FuncFormatter(lambda v, _pos: f"{v:,.0f}")
    if tickformat.startswith(".") and tickformat.endswith("f"):
        digits = int(tickformat[1:-1])
        return FuncFormatter(lambda v, _pos: f"{v:.{digits}f}")
    return None


def style_axis(ax, layout_axis, which: str) -> None:
    if layout_axis is None:
        return
    title = layout_axis.title.text if layout_axis.title else None
    if title:
        (ax.set_xlabel if which == "x" else ax.set_ylabel)(title, fontsize=pt(7), color=MUTED)
    if which == "y":
        formatter = _formatter(layout_axis.tickformat)
        if formatter is not None:
            ax.yaxis.set_major_formatter(formatter)
        if layout_axis.range is not None:
            ax.set_ylim(*layout_axis.range)
        elif layout_axis.rangemode == "tozero":
            ax.set_ylim(bottom=0)
        if layout_axis.dtick and layout_axis.tickmode == "linear":
            ax.yaxis.set_major_locator(MultipleLocator(float(layout_axis.dtick)))
    ax.tick_params(labelsize=pt(6.5), colors=MUTED, length=2)


def trace_colour(trace) -> str:
    if trace.type == "bar":
        colour = trace.marker.color if trace.marker else None
    else:
        colour = (trace.line.color if trace.line and trace.line.color else None) or (
            trace.marker.color if trace.marker else None
        )
    return colour if isinstance(colour, str) else "#0072B2"


def bars_and_lines(ax, traces, categories: list[str], barmode: str) -> None:
    where = {c: i for i, c in enumerate(categories)}
    bars = [t for t in traces if t.type == "bar"]
    bottoms = np.zeros(len(categories))
    slot = 0.8 / max(len(bars), 1) if barmode == "group" else 0.7
    for n, trace in enumerate(bars):
        xs = [where[str(x)] for x in array_values(trace.x) if str(x) in where]
        ys = np.array(
            [number(y) for x, y in zip(array_values(trace.x), array_values(trace.y), strict=False) if str(x) in where]
        )
        if barmode == "stack":
            base = bottoms[xs]
            shown = np.nan_to_num(ys)
            ax.bar(xs, shown, slot, bottom=base, color=trace_colour(trace), linewidth=0)
            bottoms[xs] = base + shown
        else:
            offset = -0.4 + slot * (n + 0.5) if len(bars) > 1 else 0
            positions = np.array(xs, dtype=float) + offset
            ax.bar(positions, np.nan_to_num(ys), slot * 0.95, color=trace_colour(trace), linewidth=0)
            texts = array_values(trace.text)
            if texts and trace.textposition == "outside":
                _label_points(ax, positions, ys, texts, INK, lift=1)
    for trace in (t for t in traces if t.type == "scatter"):
        _scatter(ax, trace, where)
    ax.set_xticks(range(len(categories)))
    rotate = len(categories) > 6 or max((len(c) for c in categories), default=0) > 12
    ax.set_xticklabels(categories, rotation=40 if rotate else 0, ha="right" if rotate else "center")
    ax.set_xlim(-0.6, len(categories) - 0.4)


def _scatter(ax, trace, where: dict[str, int]) -> None:
    points = [
        (where[str(x)], number(y))
        for x, y in zip(array_values(trace.x), array_values(trace.y), strict=False)
        if str(x) in where
    ]
    if not points:
        return
    xs, ys = np.array([p[0] for p in points], dtype=float), np.array([p[1] for p in points])
    mode = trace.mode or "lines"
    colour = trace_colour(trace)
    goal = isinstance(trace.meta, dict) and "goal_marks" in trace.meta
    if trace.connectgaps:
        keep = ~np.isnan(ys)
        xs, ys = xs[keep], ys[keep]
    if "lines" in mode:
        width = (trace.line.width or 2) * _PX_TO_PT
        ax.plot(xs, ys, color=colour, linewidth=width, marker="o" if "markers" in mode else None, markersize=2.6)
    elif "markers" in mode:
        if goal:
            ax.plot(xs, ys, linestyle="", marker="_", markersize=14, markeredgewidth=1.8, color="#000000", zorder=5)
        else:
            opacity = trace.marker.opacity if trace.marker and trace.marker.opacity is not None else 1
            ax.plot(xs, ys, linestyle="", marker="o", markersize=3, color=colour, alpha=opacity)
    if "text" in mode:
        _label_points(ax, xs, ys, array_values(trace.text), "#000000" if goal else MUTED, lift=2)


def _label_points(ax, xs, ys, texts, colour: str, *, lift: float) -> None:
    """Each point's text just above it (``lift`` points up); a blank text or a missing value gets none."""
    for x, y, text in zip(xs, ys, texts, strict=False):
        if text and not math.isnan(y):
            ax.annotate(
                str(text),
                (x, y),
                ha="center",
                va="bottom",
                fontsize=pt(5.5),
                color=colour,
                xytext=(0, lift),
                textcoords="offset points",
            )


def heatmap(ax, trace, fig: go.Figure) -> None:
    z = np.array([[number(v) for v in row] for row in trace.z], dtype=float)
    xs, ys = [str(v) for v in array_values(trace.x)], [str(v) for v in array_values(trace.y)]
    low = trace.zmin if trace.zmin is not None else np.nanmin(z) if np.isfinite(z).any() else 0
    high = trace.zmax if trace.zmax is not None else np.nanmax(z) if np.isfinite(z).any() else 1
    # Cells as vector quads (an embedded bitmap would blur, and the PDF writer cannot place one in SVG).
    edges_x, edges_y = np.arange(len(xs) + 1) - 0.5, np.arange(len(ys) + 1) - 0.5
    ax.pcolormesh(
        edges_x, edges_y, np.ma.masked_invalid(z), cmap="Blues", vmin=low, vmax=high, edgecolors="white", linewidth=0.8
    )
    ax.set_xlim(-0.5, len(xs) - 0.5)
    ax.set_ylim(len(ys) - 0.5, -0.5)  # the first row on top, as plotly's reversed axis draws it
    ax.set_xticks(range(len(xs)))
    ax.set_xticklabels(xs, rotation=40 if len(xs) > 6 else 0, ha="right" if len(xs) > 6 else "center")
    ax.set_yticks(range(len(ys)))
    ax.set_yticklabels(ys)
    ax.grid(False)
    texts = trace.text if trace.text is not None else None
    size = pt(5 if len(xs) > 10 else 6)
    for i in range(len(ys)):
        for j in range(len(xs)):
            label = str(texts[i][j]) if texts is not None and texts[i][j] else ""
            if label:
                dark = not math.isnan(z[i, j]) and z[i, j] > low + 0.6 * (high - low)
                ax.text(j, i, label, ha="center", va="center", fontsize=size, color="white" if dark else INK)
    style_axis(ax, fig.layout.xaxis, "x")


def funnel(ax, trace) -> None:
    stages = [str(v) for v in array_values(trace.y)]
    values = np.array([number(v) for v in array_values(trace.x)])
    colours = trace.marker.color if trace.marker and trace.marker.color is not None else ["#0072B2"] * len(stages)
    widest = np.nanmax(values) if np.isfinite(values).any() else 1
    for i, (value, colour) in enumerate(zip(values, colours, strict=False)):
        if math.isnan(value):
            continue
        ax.barh(i, value, left=(widest - value) / 2, color=colour, height=0.7)
        ax.text(widest / 2, i, f"{value:,.0f}", ha="center", va="center", fontsize=pt(7), color="white")
    ax.set_yticks(range(len(stages)))
    ax.set_yticklabels(stages)
    ax.invert_yaxis()
    ax.set_xticks([])
    ax.grid(False)
