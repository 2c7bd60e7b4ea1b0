"""The funder report as one self-contained HTML file (the PDF, ``report_pdf``, says the same: ``report_content``).

plotly.js is inlined once in the page head, so the file opens without a network. Every
table is suppressed together with the others before anything is drawn or described.
A print stylesheet puts each section on its own page and hides the chart toolbars.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from importlib import resources

import duckdb
import pandas as pd
import plotly.io as pio
import plotly.offline

from analytics import comparisons, goals, metrics
from analytics.exports.api import tables_for_export
from analytics.exports.report_content import (
    REPORT_TABLES,
    SECTIONS,
    ReportContent,
    Section,
    report_content,
)
from analytics.filters import Filters

__all__ = ["REPORT_TABLES", "SECTIONS", "build_report", "render_html", "report_for"]

WITHHELD_CAPTION = (
    "Blank bars and cells are withheld: too few people or enrollments to show, "
    "or numbers that would reveal them (see About these numbers)."
)
YEAR_NOTE = (
    "School years run Summer to Spring: 2019-20 is Summer 2019, Fall 2019, Winter 2020 and Spring 2020. "
    "A term is compared with the same term a year earlier; a term still open for registration is marked "
    "\u201cso far\u201d, and a school year in progress is compared once it is over."
)

_CHART_CONFIG = {"displayModeBar": False, "responsive": True}
# Plotly sizes charts to the screen; before printing, fit them to the page width.
_RESIZE_FOR_PRINT = (
    "window.addEventListener('beforeprint',function(){document.querySelectorAll('.js-plotly-plot')"
    ".forEach(function(p){Plotly.Plots.resize(p);});});"
)

Progress = Callable[[float, str], None]


def build_report(
    con: duckdb.DuckDBPyConnection,
    filters: Filters | None = None,
    suppress_below: int | None = 10,
    progress: Progress | None = None,
) -> str:
    """The report as one HTML document. ``progress(fraction, message)`` is told how far it got."""
    content = report_for(con, filters, suppress_below, progress)
    page = render_html(content)
    (progress or (lambda _fraction, _message: None))(1.0, "done")
    return page


@dataclass(frozen=True)
class ReportSource:
    """The frames a report is drawn from, and what to say about where they came from."""

    tables: dict[str, pd.DataFrame]  # REPORT_TABLES under the report's filters; withheld cells are NA
    goal_progress: pd.DataFrame  # goal_progress under no filter, withheld alike
    as_of: datetime | None
    protection: str  # "counts under 10 withheld" / "no suppression", for the cover
    rule: str  # the withholding rule in a sentence
    notes: tuple[str, ...] = ()


def report_source(con: duckdb.DuckDBPyConnection, filters: Filters, suppress_below: int | None) -> ReportSource:
    """Where the report's numbers come from: with a threshold (the funder form), the latest published
    release under the view ``filters`` name (refused when it is not published); without one, live tables.

    The one place that obtains frames.
    """
    tables, meta = tables_for_export(con, REPORT_TABLES, filters, suppress_below)
    notes = tuple(f"{name}: {note}" for name, table in tables.items() for note in table.notes[2:])
    release = meta.release
    if release:
        notes = (f"Cut from {release.text}, view: {release.view_label}.", *notes)
    return ReportSource(
        tables={name: table.frame for name, table in tables.items()},
        goal_progress=goals.goal_progress(con, suppress_below),
        as_of=meta.as_of,
        protection=f"{release.text}, counts under {release.k} withheld" if release else "live numbers, no suppression",
        rule=meta.suppression,
        notes=notes,
    )


def report_for(
    con: duckdb.DuckDBPyConnection,
    filters: Filters | None = None,
    suppress_below: int | None = 10,
    progress: Progress | None = None,
) -> ReportContent:
    """What the report says (``report_content``), from ``report_source``'s frames under ``filters``."""
    filters = filters or Filters()
    step = progress or (lambda _fraction, _message: None)
    step(0.0, "reading the published release" if suppress_below and suppress_below > 1 else "computing the tables")
    source = report_source(con, filters, suppress_below)
    step(0.5, "the term in progress")
    # Whether a term is still open, and the latest term of all the data, are dates, not counts of people.
    in_progress = comparisons.in_progress_term(metrics.compute(con, "enrollment_status"))
    everything = metrics.compute(con, "participation_by_term")
    latest = str(everything["term"].iloc[-1]) if not everything.empty else None
    step(0.6, "drawing charts")
    return report_content(
        source.tables,
        filters=filters.describe(),
        as_of=source.as_of,
        protection=source.protection,
        rule=source.rule,
        goal_progress=source.goal_progress,
        in_progress=in_progress,
        latest_term=latest,
        notes=source.notes,
    )


def render_html(content: ReportContent) -> str:
    """The report as one self-contained HTML page."""
    body = "\n".join(
        (
            _cover(content),
            *(_section(section, content) for section in content.sections),
            _about(content),
        )
    )
    return _page(body)


def _page(body: str) -> str:
    css = (resources.files("analytics.exports") / "report.css").read_text(encoding="utf-8")
    plotly_js = plotly.offline.get_plotlyjs()
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Boston Educators Collaborative: report to funders</title>\n"
        f"<style>\n{css}</style>\n"
        f'<script type="text/javascript">{plotly_js}</script>\n'
        f"<script>{_RESIZE_FOR_PRINT}</script>\n"
        f"</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def _cover(content: ReportContent) -> str:
    e = html.escape
    return (
        f'<header class="cover">\n<div class="kicker">{e(content.kicker)}</div>\n'
        f"<h1>{e(content.title)}</h1>\n"
        f'<p class="meta">Filters: {e(content.filters)}</p>\n'
        f'<p class="meta">Data as of {e(content.as_of)} · prepared {e(content.prepared)} · {e(content.protection)}</p>\n'
        f'<p class="lead">{e(content.lead)}</p>\n</header>'
    )


def _cards(numbers) -> str:
    cards = []
    for headline in numbers:
        if headline.value is None:
            value = '<div class="value withheld">withheld</div>'
        elif headline.kind == "rate":
            value = f'<div class="value">{headline.value:.0%}</div>'
        else:
            value = f'<div class="value">{headline.value:,.0f}</div>'
        cards.append(
            f'<div class="card"><div class="label">{html.escape(headline.label)}</div>{value}{_change(headline)}</div>'
        )
    return '<div class="cards">\n' + "\n".join(cards) + "\n</div>"


def _change(headline) -> str:
    """The change against the fair period, and what it is against; no arrow when there is none."""
    change = headline.change
    if change is None:
        return f'<div class="change">{html.escape(headline.basis)}</div>'
    direction = "up" if change > 0 else "down" if change < 0 else ""
    amount = f"{change * 100:+.0f} pts" if headline.kind == "rate" else f"{change:+,.0f}"
    return f'<div class="change {direction}">{amount} {html.escape(headline.basis)}</div>'


def _section(section: Section, content: ReportContent) -> str:
    e = html.escape
    blocks = []
    if section.headlines:
        if section.name != "Headlines":
            blocks.append(f"<h3>{e(section.headline_heading)}</h3>")
        else:
            blocks.append(f'<p class="meta">{e(section.headline_heading)}</p>')
        blocks.append(_cards(section.headlines))
    elif section.name == "Headlines":
        blocks.append('<p class="reading">No data for these filters.</p>')
    blocks += [
        f'<p class="reading">{e(text)}</p>' for text in section.text if section.headlines or section.name != "Headlines"
    ]
    for n, chart in enumerate(section.charts, start=1):
        if chart.reading:
            blocks.append(f'<p class="reading">{e(chart.reading)}</p>')
        figure = pio.to_html(
            chart.figure,
            full_html=False,
            include_plotlyjs=False,
            config=_CHART_CONFIG,
            default_height=f"{chart.figure.layout.height or 460}px",
            div_id=f"chart-{section.anchor}-{n}",  # stable ids: the same data gives the same file
        )
        # The plot itself is drawn for the eye; screen readers get the one-sentence alternative.
        blocks.append(
            f'<figure class="chart"><div role="img" aria-label="{e(chart.alt)}">{figure}</div>'
            f'<figcaption class="alt">{e(chart.alt)}</figcaption></figure>'
        )
        if chart.withheld:
            blocks.append(f'<p class="caption">{e(WITHHELD_CAPTION)}</p>')
    if section.name == "Goals":
        blocks.append(_goal_table(content))
    heading_class = ' class="headlines"' if section.name == "Headlines" else ""
    return (
        f'<section{heading_class} id="{section.anchor}" data-section="{e(section.name)}">\n<h2>{e(section.heading)}</h2>\n'
        + "\n".join(blocks)
        + "\n</section>"
    )


def _goal_table(content: ReportContent) -> str:
    if content.goals.empty:
        return ""
    e = html.escape
    rows = "\n".join(
        f'<tr class="goal {e(status.replace(" ", "-"))}"><td>{e(label)}</td><td>{e(period)}</td>'
        f"<td>{e(target)}</td><td>{e(actual)}</td><td>{e(status)}</td></tr>"
        for label, period, target, actual, status in goal_cells(content.goals)
    )
    return (
        '<table class="definitions goals">\n<tr><th>Goal</th><th>Period</th><th>Target</th><th>Actual</th>'
        f"<th>Status</th></tr>\n{rows}\n</table>"
    )


def goal_cells(progress) -> list[tuple[str, str, str, str, str]]:
    """(metric label, period, target, actual, status) as text, for the HTML and PDF tables."""
    columns = ["metric", "period", "target", "actual", "status"]
    out = []
    for metric, period, target, actual, status in progress[columns].itertuples(index=False):
        spec = goals.METRICS.get(str(metric))
        rate = spec is not None and spec.kind == "rate"
        blank = "withheld" if status == "withheld" else "–"
        out.append(
            (
                spec.label if spec else str(metric),
                str(period),
                _goal_number(target, rate, blank),
                _goal_number(actual, rate, blank),
                str(status),
            )
        )
    return out


def _goal_number(value, rate: bool, blank: str) -> str:
    if value is None or pd.isna(value):
        return blank
    return f"{float(value):.0%}" if rate else f"{float(value):,.0f}"


def _about(content: ReportContent) -> str:
    e = html.escape
    rows = "\n".join(f"<tr><td>{e(name)}</td><td>{e(text)}</td></tr>" for name, text in content.dictionary)
    notes = "\n".join(f"<li>{e(note)}</li>" for note in content.notes) or "<li>Nothing needed withholding.</li>"
    return (
        '<section id="about" data-section="About these numbers">\n<h2>About these numbers</h2>\n'
        f'<p>{e(content.rule)}</p>\n<ul class="notes">\n{notes}\n</ul>\n'
        f"<p>{e(YEAR_NOTE)}</p>\n"
        "<h3>What each table counts</h3>\n"
        f'<table class="definitions">\n{rows}\n</table>\n</section>'
    )
