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
import numpy as np
import plotly.graph_objects as go
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MultipleLocator, PercentFormatter

SUPPORTED = frozenset({"scatter", "bar", "heatmap", "funnel"})
_INK, _MUTED, _GRID = "#222222", "#555555", "#e5e8ec"
_PX_TO_PT = 0.6  # plotly line widths and marker sizes are screen pixels; a printed chart wants them finer


def _pt(size: float) -> float:
    """A font size in points as the PDF will show it: the PDF writer reads SVG text sizes as CSS pixels
    (3/4 of a point), so sizes are written 4/3 larger."""
    return size * 4 / 3


class UnsupportedChart(ValueError):
    """A figure uses a trace type the PDF cannot redraw faithfully."""


def _values(array) -> list:
    if array is None:
        return []
    return list(np.asarray(array, dtype=object).ravel()) if not isinstance(array, (list, tuple)) else list(array)


def _number(value) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return math.nan
    return number


def _layout_axis(fig: go.Figure, axis_id: str):
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


def _style_axis(ax, layout_axis, which: str) -> None:
    if layout_axis is None:
        return
    title = layout_axis.title.text if layout_axis.title else None
    if title:
        (ax.set_xlabel if which == "x" else ax.set_ylabel)(title, fontsize=_pt(7), color=_MUTED)
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
    ax.tick_params(labelsize=_pt(6.5), colors=_MUTED, length=2)


def _categories(fig: go.Figure, axis_id: str, traces) -> list[str]:
    layout_axis = _layout_axis(fig, axis_id)
    if layout_axis is not None and layout_axis.categoryarray is not None:
        return [str(c) for c in layout_axis.categoryarray]
    seen: dict[str, None] = {}
    for trace in traces:
        for x in _values(trace.x):
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
    figure.text(0.005, 1 - 2 * mm, "\n".join(lines), ha="left", va="top", fontsize=_pt(9), weight="bold", color=_INK)
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
            fontsize=_pt(6.5),
            frameon=False,
            handlelength=1.6,
            columnspacing=1.2,
        )
        top -= (1.5 + 3.6 * rows) * mm
    if any(a.xref == "paper" and a.yref == "paper" for a in fig.layout.annotations or ()) and fig.data:
        top -= 3.5 * mm  # room for subplot titles above the top panel
    twin = any((_layout_axis(fig, f"y{n}") or {}).overlaying for n in ("2", "3") if _has_axis(fig, f"yaxis{n}"))
    below = 24 * mm  # rotated term labels and the axis title
    region = (0.085, below, (0.90 if twin else 0.975) - 0.085, top - 3 * mm - below)
    annotations = list(fig.layout.annotations or ())
    if not fig.data:
        for a in annotations:
            figure.text(0.5, 0.45, str(a.text), ha="center", va="center", fontsize=_pt(9), color=_MUTED)
        return
    _draw_panels(fig, figure, region)
    left, bottom, width, height = region
    for a in annotations:  # subplot titles sit just above their panel (paper coordinates)
        if a.xref == "paper" and a.yref == "paper":
            figure.text(left + a.x * width, bottom + a.y * height + 0.8 * mm, str(a.text), ha="center", va="bottom")
            figure.texts[-1].set_fontsize(_pt(7.5))


def _has_axis(fig: go.Figure, name: str) -> bool:
    return name in fig.layout and fig.layout[name] is not None and fig.layout[name].to_plotly_json() != {}


def _legend_handle(trace):
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    if trace.type == "bar":
        return Patch(color=_colour(trace))
    if (trace.meta or {}).get("goal_marks") if isinstance(trace.meta, dict) else False:
        return Line2D([], [], color="#000000", marker="_", linestyle="", markersize=9, markeredgewidth=2)
    mode = trace.mode or "lines"
    return Line2D(
        [], [], color=_colour(trace), linestyle="-" if "lines" in mode else "", marker="o" if "markers" in mode else ""
    )


def _colour(trace) -> str:
    if trace.type == "bar":
        colour = trace.marker.color if trace.marker else None
    else:
        colour = (trace.line.color if trace.line and trace.line.color else None) or (
            trace.marker.color if trace.marker else None
        )
    return colour if isinstance(colour, str) else "#0072B2"


def _draw_panels(fig: go.Figure, figure: Figure, region) -> None:
    left, bottom, width, height = region
    panels: dict[tuple[str, str], list] = defaultdict(list)
    for trace in fig.data:
        panels[(trace.xaxis or "x", trace.yaxis or "y")].append(trace)
    axes: dict[str, object] = {}
    for x_id, y_id in panels:
        y_layout = _layout_axis(fig, y_id)
        base = y_layout.overlaying if y_layout is not None and y_layout.overlaying else None
        if base:
            continue
        x_dom = list(_layout_axis(fig, x_id).domain or (0, 1))
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
        ax.spines["left"].set_color(_GRID)
        ax.spines["bottom"].set_color("#9aa3ad")
        ax.grid(axis="y", color=_GRID, linewidth=0.5)
        axes[y_id] = ax
    for (x_id, y_id), traces in panels.items():
        y_layout = _layout_axis(fig, y_id)
        if y_layout is not None and y_layout.overlaying:
            ax = axes[y_layout.overlaying].twinx()
            ax.spines["top"].set_visible(False)
            ax.grid(False)
        else:
            ax = axes[y_id]
        kinds = {t.type for t in traces}
        if "heatmap" in kinds:
            _heatmap(ax, traces[0], fig)
        elif "funnel" in kinds:
            _funnel(ax, traces[0])
        else:
            categories = _categories(fig, x_id, [t for p, ts in panels.items() if p[0] == x_id for t in ts])
            _bars_and_lines(ax, traces, categories, fig.layout.barmode or "group")
            x_layout = _layout_axis(fig, x_id)
            _style_axis(ax, x_layout, "x")
            if x_layout is not None and x_layout.showticklabels is False:  # a shared axis labelled below only
                ax.set_xticklabels([])
        _style_axis(ax, y_layout, "y")
        if y_layout is not None and y_layout.autorange == "reversed" and "heatmap" not in kinds:
            ax.invert_yaxis()


def _bars_and_lines(ax, traces, categories: list[str], barmode: str) -> None:
    where = {c: i for i, c in enumerate(categories)}
    bars = [t for t in traces if t.type == "bar"]
    bottoms = np.zeros(len(categories))
    slot = 0.8 / max(len(bars), 1) if barmode == "group" else 0.7
    for n, trace in enumerate(bars):
        xs = [where[str(x)] for x in _values(trace.x) if str(x) in where]
        ys = np.array([_number(y) for x, y in zip(_values(trace.x), _values(trace.y), strict=False) if str(x) in where])
        if barmode == "stack":
            base = bottoms[xs]
            shown = np.nan_to_num(ys)
            ax.bar(xs, shown, slot, bottom=base, color=_colour(trace), linewidth=0)
            bottoms[xs] = base + shown
        else:
            offset = -0.4 + slot * (n + 0.5) if len(bars) > 1 else 0
            positions = np.array(xs, dtype=float) + offset
            ax.bar(positions, np.nan_to_num(ys), slot * 0.95, color=_colour(trace), linewidth=0)
            texts = _values(trace.text)
            if texts and trace.textposition == "outside":
                for x, y, text in zip(positions, ys, texts, strict=False):
                    if text and not math.isnan(y):
                        ax.annotate(
                            str(text),
                            (x, y),
                            ha="center",
                            va="bottom",
                            fontsize=_pt(5.5),
                            color=_INK,
                            xytext=(0, 1),
                            textcoords="offset points",
                        )
    for trace in (t for t in traces if t.type == "scatter"):
        _scatter(ax, trace, where)
    ax.set_xticks(range(len(categories)))
    rotate = len(categories) > 6 or max((len(c) for c in categories), default=0) > 12
    ax.set_xticklabels(categories, rotation=40 if rotate else 0, ha="right" if rotate else "center")
    ax.set_xlim(-0.6, len(categories) - 0.4)


def _scatter(ax, trace, where: dict[str, int]) -> None:
    points = [
        (where[str(x)], _number(y)) for x, y in zip(_values(trace.x), _values(trace.y), strict=False) if str(x) in where
    ]
    if not points:
        return
    xs, ys = np.array([p[0] for p in points], dtype=float), np.array([p[1] for p in points])
    mode = trace.mode or "lines"
    colour = _colour(trace)
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
        for x, y, text in zip(xs, ys, _values(trace.text), strict=False):
            if text and not math.isnan(y):
                ax.annotate(
                    str(text),
                    (x, y),
                    ha="center",
                    va="bottom",
                    fontsize=_pt(5.5),
                    xytext=(0, 2),
                    textcoords="offset points",
                    color="#000000" if goal else _MUTED,
                )


def _heatmap(ax, trace, fig: go.Figure) -> None:
    z = np.array([[_number(v) for v in row] for row in trace.z], dtype=float)
    xs, ys = [str(v) for v in _values(trace.x)], [str(v) for v in _values(trace.y)]
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
    size = _pt(5 if len(xs) > 10 else 6)
    for i in range(len(ys)):
        for j in range(len(xs)):
            label = str(texts[i][j]) if texts is not None and texts[i][j] else ""
            if label:
                dark = not math.isnan(z[i, j]) and z[i, j] > low + 0.6 * (high - low)
                ax.text(j, i, label, ha="center", va="center", fontsize=size, color="white" if dark else _INK)
    _style_axis(ax, fig.layout.xaxis, "x")


def _funnel(ax, trace) -> None:
    stages = [str(v) for v in _values(trace.y)]
    values = np.array([_number(v) for v in _values(trace.x)])
    colours = trace.marker.color if trace.marker and trace.marker.color is not None else ["#0072B2"] * len(stages)
    widest = np.nanmax(values) if np.isfinite(values).any() else 1
    for i, (value, colour) in enumerate(zip(values, colours, strict=False)):
        if math.isnan(value):
            continue
        ax.barh(i, value, left=(widest - value) / 2, color=colour, height=0.7)
        ax.text(widest / 2, i, f"{value:,.0f}", ha="center", va="center", fontsize=_pt(7), color="white")
    ax.set_yticks(range(len(stages)))
    ax.set_yticklabels(stages)
    ax.invert_yaxis()
    ax.set_xticks([])
    ax.grid(False)
