"""The report's plotly charts redrawn by matplotlib as vector SVG, for the PDF.

Plotly draws static images only through a browser (kaleido drives Chrome), which a new
machine set up by ``make run`` does not have. So the PDF redraws each figure from the
figure itself, not from the table: the same title, traces, colours, order, goal marks
and withheld gaps, through matplotlib (a pure wheel). Only what ``analytics.charts``
draws is supported (lines, markers and text; grouped and stacked bars; heat maps;
funnels; subplot grids and a secondary y axis); anything else raises, so a new kind of
chart cannot slip into the PDF half drawn. Text is turned into outlines (no fonts to
embed), so the charts stay sharp at any zoom.
"""

from __future__ import annotations

import io
import math
import re
import textwrap
from collections import defaultdict

import matplotlib
import plotly.graph_objects as go
from matplotlib.figure import Figure

from analytics.exports.pdf_traces import (
    GRID,
    INK,
    MUTED,
    array_values,
    axis_layout,
    bars_and_lines,
    funnel,
    heatmap,
    pt,
    style_axis,
    trace_colour,
)

SUPPORTED = frozenset({"scatter", "bar", "heatmap", "funnel"})


class UnsupportedChart(ValueError):
    """A figure uses a trace type the PDF cannot redraw faithfully."""


def _categories(fig: go.Figure, axis_id: str, traces) -> list[str]:
    layout_axis = axis_layout(fig, axis_id)
    if layout_axis is not None and layout_axis.categoryarray is not None:
        return [str(c) for c in layout_axis.categoryarray]
    seen: dict[str, None] = {}
    for trace in traces:
        for x in array_values(trace.x):
            seen.setdefault(str(x), None)
    return list(seen)


def _legend_entries(fig: go.Figure):
    entries, seen = [], set()
    for trace in fig.data:
        if trace.showlegend is False or not trace.name or (trace.type == "heatmap") or trace.type == "funnel":
            continue
        if getattr(trace, "mode", None) == "text" or trace.name in seen:
            continue
        seen.add(trace.name)
        entries.append(trace)
    return entries if fig.layout.showlegend is not False else []


def to_svg(fig: go.Figure, width_mm: float, height_mm: float) -> bytes:
    """The figure as SVG bytes, ``width_mm`` x ``height_mm``."""
    for trace in fig.data:
        if trace.type not in SUPPORTED:
            raise UnsupportedChart(f"the PDF cannot redraw a {trace.type} trace")
    with matplotlib.rc_context({"svg.fonttype": "none", "font.family": "DejaVu Sans", "axes.unicode_minus": False}):
        figure = Figure(figsize=(width_mm / 25.4, height_mm / 25.4))
        _draw(fig, figure, height_mm)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})  # no date: the same chart, the same bytes
    # The <metadata> block (creator, format) means nothing to a PDF; the PDF writer would warn about it.
    return re.sub(rb"<metadata>.*?</metadata>", b"", buffer.getvalue(), flags=re.S)


def _draw(fig: go.Figure, figure: Figure, height_mm: float) -> None:
    title = fig.layout.title.text if fig.layout.title and fig.layout.title.text else ""
    lines = textwrap.wrap(str(title), 95) or [""]
    mm = 1 / height_mm  # one millimetre as a fraction of the figure's height
    figure.text(0.005, 1 - 2 * mm, "\n".join(lines), ha="left", va="top", fontsize=pt(9), weight="bold", color=INK)
    top = 1 - (4 + 4.2 * len(lines)) * mm
    legend = _legend_entries(fig)
    if legend:
        longest = max(len(str(t.name)) for t in legend)
        columns = min(len(legend), 5 if longest <= 14 else 4 if longest <= 22 else 3)
        rows = math.ceil(len(legend) / columns)
        handles = [_legend_handle(t) for t in legend]
        figure.legend(
            handles=handles,
            labels=[str(t.name) for t in legend],
            loc="upper left",
            bbox_to_anchor=(0.0, top),
            ncol=columns,
            fontsize=pt(6.5),
            frameon=False,
            handlelength=1.6,
            columnspacing=1.2,
        )
        top -= (1.5 + 3.6 * rows) * mm
    if any(a.xref == "paper" and a.yref == "paper" for a in fig.layout.annotations or ()) and fig.data:
        top -= 3.5 * mm  # room for subplot titles above the top panel
    twin = any((axis_layout(fig, f"y{n}") or {}).overlaying for n in ("2", "3") if _has_axis(fig, f"yaxis{n}"))
    below = 24 * mm  # rotated term labels and the axis title
    region = (0.085, below, (0.90 if twin else 0.975) - 0.085, top - 3 * mm - below)
    annotations = list(fig.layout.annotations or ())
    if not fig.data:
        for a in annotations:
            figure.text(0.5, 0.45, str(a.text), ha="center", va="center", fontsize=pt(9), color=MUTED)
        return
    _draw_panels(fig, figure, region)
    left, bottom, width, height = region
    for a in annotations:  # subplot titles sit just above their panel (paper coordinates)
        if a.xref == "paper" and a.yref == "paper":
            figure.text(left + a.x * width, bottom + a.y * height + 0.8 * mm, str(a.text), ha="center", va="bottom")
            figure.texts[-1].set_fontsize(pt(7.5))


def _has_axis(fig: go.Figure, name: str) -> bool:
    return name in fig.layout and fig.layout[name] is not None and fig.layout[name].to_plotly_json() != {}


def _legend_handle(trace):
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    if trace.type == "bar":
        return Patch(color=trace_colour(trace))
    if (trace.meta or {}).get("goal_marks") if isinstance(trace.meta, dict) else False:
        return Line2D([], [], color="#000000", marker="_", linestyle="", markersize=9, markeredgewidth=2)
    mode = trace.mode or "lines"
    return Line2D(
        [],
        [],
        color=trace_colour(trace),
        linestyle="-" if "lines" in mode else "",
        marker="o" if "markers" in mode else "",
    )


def _draw_panels(fig: go.Figure, figure: Figure, region) -> None:
    left, bottom, width, height = region
    panels: dict[tuple[str, str], list] = defaultdict(list)
    for trace in fig.data:
        panels[(trace.xaxis or "x", trace.yaxis or "y")].append(trace)
    axes: dict[str, object] = {}
    for x_id, y_id in panels:
        y_layout = axis_layout(fig, y_id)
        base = y_layout.overlaying if y_layout is not None and y_layout.overlaying else None
        if base:
            continue
        x_dom = list(axis_layout(fig, x_id).domain or (0, 1))
        y_dom = list(y_layout.domain or (0, 1)) if y_layout is not None else [0, 1]
        ax = figure.add_axes(
            (
                left + x_dom[0] * width,
                bottom + y_dom[0] * height,
                (x_dom[1] - x_dom[0]) * width,
                (y_dom[1] - y_dom[0]) * height,
            )
        )
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.spines["left"].set_color(GRID)
        ax.spines["bottom"].set_color("#9aa3ad")
        ax.grid(axis="y", color=GRID, linewidth=0.5)
        axes[y_id] = ax
    for (x_id, y_id), traces in panels.items():
        y_layout = axis_layout(fig, y_id)
        if y_layout is not None and y_layout.overlaying:
            ax = axes[y_layout.overlaying].twinx()
            ax.spines["top"].set_visible(False)
            ax.grid(False)
        else:
            ax = axes[y_id]
        kinds = {t.type for t in traces}
        if "heatmap" in kinds:
            heatmap(ax, traces[0], fig)
        elif "funnel" in kinds:
            funnel(ax, traces[0])
        else:
            categories = _categories(fig, x_id, [t for p, ts in panels.items() if p[0] == x_id for t in ts])
            bars_and_lines(ax, traces, categories, fig.layout.barmode or "group")
            x_layout = axis_layout(fig, x_id)
            style_axis(ax, x_layout, "x")
            if x_layout is not None and x_layout.showticklabels is False:  # a shared axis labelled below only
                ax.set_xticklabels([])
        style_axis(ax, y_layout, "y")
        if y_layout is not None and y_layout.autorange == "reversed" and "heatmap" not in kinds:
            ax.invert_yaxis()
