"""The funder report: one self-contained HTML file with headlines, charts and what each one shows.

plotly.js is inlined once in the page head, so the file opens without a network. The
funder form (a threshold K) draws every table from the latest published release, so the
report shows exactly the numbers of the dashboard and the exports; without a threshold
it shows live numbers, for coordinators.
A print stylesheet puts each section on its own page and hides the chart toolbars.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import UTC, datetime
from importlib import resources

import duckdb
import plotly.io as pio
import plotly.offline

from analytics import charts, insights
from analytics.exports import readings
from analytics.exports.api import tables_for_export
from analytics.exports.meta import ExportMeta
from analytics.exports.xlsx import SheetTable
from analytics.filters import Filters
from analytics.metrics.spec import TABLES

REPORT_TABLES = (
    "participation_by_term",
    "participation_by_sector",
    "participation_by_category",
    "returning_by_term",
    "cohort_retention",
    "cross_sector_exchange",
    "leader_pipeline",
    "pipeline_conversion",
)
SECTIONS = ("Headlines", "Growth", "Strands", "Returning participants", "Cross-sector exchange", "Leader pipeline")
_CHART_CONFIG = {"displayModeBar": False, "responsive": True}
# Plotly sizes charts to the screen; before printing, fit them to the page width.
_RESIZE_FOR_PRINT = (
    "window.addEventListener('beforeprint',function(){document.querySelectorAll('.js-plotly-plot')"
    ".forEach(function(p){Plotly.Plots.resize(p);});});"
)

# Columns a chart draws, where it draws only some of its table (for the "withheld" caption).
_DRAWN = {"participation_by_term": ("participants", "enrollments", "courses")}

Progress = Callable[[float, str], None]


def build_report(
    con: duckdb.DuckDBPyConnection,
    filters: Filters | None = None,
    suppress_below: int | None = 10,
    progress: Progress | None = None,
) -> str:
    """The report as one HTML document. ``progress(fraction, message)`` is told how far it got."""
    filters = filters or Filters()
    step = progress or (lambda _fraction, _message: None)
    step(0.0, "reading the published release" if suppress_below and suppress_below > 1 else "computing the tables")
    tables, meta = tables_for_export(con, REPORT_TABLES, filters, suppress_below)
    shown = {name: table.frame for name, table in tables.items()}
    k = meta.release.k if meta.release else None
    step(0.6, "drawing charts")
    sections = [_section(name, title, parts, tables, k) for name, title, parts in _plan(shown)]
    body = "\n".join(
        (
            _cover(shown, meta),
            _headlines(shown["participation_by_term"]),
            *sections,
            _about(tables, meta),
        )
    )
    step(1.0, "done")
    return _page(body)


def _plan(shown: dict) -> list[tuple[str, str, list[tuple[str, str | None, object]]]]:
    """The report's sections: (name, heading, [(table drawn, reading or None, figure)])."""
    by_term, by_sector = shown["participation_by_term"], shown["participation_by_sector"]
    leaders, conversion = shown["leader_pipeline"], shown["pipeline_conversion"]
    return [
        (
            "Growth",
            "Growth since the pilot",
            [
                ("participation_by_term", readings.growth(by_term), charts.growth_since_pilot(by_term)),
                ("participation_by_sector", readings.sectors(by_sector), charts.participation_by_sector(by_sector)),
            ],
        ),
        (
            "Strands",
            "The three strands",
            [
                (
                    "participation_by_category",
                    readings.strands(shown["participation_by_category"]),
                    charts.participation_by_category(shown["participation_by_category"], "enrollments"),
                )
            ],
        ),
        (
            "Returning participants",
            "Teachers coming back",
            [
                (
                    "returning_by_term",
                    readings.returning(shown["returning_by_term"]),
                    charts.returning_by_term(shown["returning_by_term"]),
                ),
                ("cohort_retention", None, charts.cohort_retention_heatmap(shown["cohort_retention"])),
            ],
        ),
        (
            "Cross-sector exchange",
            "Learning across sectors",
            [
                (
                    "cross_sector_exchange",
                    readings.exchange(shown["cross_sector_exchange"]),
                    charts.cross_sector_heatmap(shown["cross_sector_exchange"]),
                )
            ],
        ),
        (
            "Leader pipeline",
            "From participant to leader",
            [
                ("leader_pipeline", readings.pipeline(leaders, conversion), charts.leader_pipeline(leaders)),
                ("pipeline_conversion", None, charts.conversion_by_cohort(conversion)),
            ],
        ),
    ]


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


def _cover(shown, meta: ExportMeta) -> str:
    span = charts.base.span(shown["participation_by_term"]["term"]) or "no terms for these filters"
    now = datetime.now(UTC)
    filters, as_of, release = meta.filters, meta.as_of, meta.release
    rule = f"{release.text}, counts under {release.k} withheld" if release else "live numbers, nothing withheld"
    return (
        '<header class="cover">\n<div class="kicker">Boston Educators Collaborative</div>\n'
        f"<h1>Teacher-led learning across sectors, {html.escape(span)}</h1>\n"
        f'<p class="meta">Filters: {html.escape(filters.describe())}</p>\n'
        f'<p class="meta">Data as of {html.escape(f"{as_of:%d %B %Y, %H:%M} UTC" if as_of else "no data loaded")}'
        f" · prepared {now:%d %B %Y}"
        f" · {html.escape(rule)}</p>\n"
        '<p class="lead">Free courses led by district, charter and Catholic school teachers for one another: '
        "how many take part, who comes back, and who goes on to lead.</p>\n</header>"
    )


def _headlines(by_term) -> str:
    cards = []
    for headline in insights.headline_numbers(by_term):
        if headline.value is None:
            value = '<div class="value withheld">withheld</div>'
        elif headline.kind == "rate":
            value = f'<div class="value">{headline.value:.0%}</div>'
        else:
            value = f'<div class="value">{headline.value:,.0f}</div>'
        cards.append(
            f'<div class="card"><div class="label">{html.escape(headline.label)}</div>{value}{_change(headline)}</div>'
        )
    term = html.escape(insights.headline_numbers(by_term)[0].term) if cards else ""
    title = f"Headlines, {term}" if term else "Headlines"
    inner = (
        '<div class="cards">\n' + "\n".join(cards) + "\n</div>"
        if cards
        else '<p class="reading">No data for these filters.</p>'
    )
    return f'<section class="headlines" id="headlines">\n<h2>{title}</h2>\n{inner}\n</section>'


def _change(headline) -> str:
    change = headline.change
    if change is None or headline.previous_term is None:
        return '<div class="change">&nbsp;</div>'
    direction = "up" if change > 0 else "down" if change < 0 else ""
    amount = f"{change * 100:+.0f} pts" if headline.kind == "rate" else f"{change:+,.0f}"
    return f'<div class="change {direction}">{amount} vs {html.escape(headline.previous_term)}</div>'


def _section(name: str, title: str, parts, tables: dict[str, SheetTable], k: int | None) -> str:
    anchor = name.lower().replace(" ", "-")
    blocks = []
    for n, (table, reading, figure) in enumerate(parts, start=1):
        if reading:
            blocks.append(f'<p class="reading">{html.escape(reading)}</p>')
        chart = pio.to_html(
            figure,
            full_html=False,
            include_plotlyjs=False,
            config=_CHART_CONFIG,
            default_height=f"{figure.layout.height or 460}px",
            div_id=f"chart-{anchor}-{n}",  # stable ids: the same data gives the same file
        )
        blocks.append(f'<div class="chart">{chart}</div>')
        drawn = _DRAWN.get(table)
        mask = tables[table].withheld
        if bool(mask[list(drawn)].to_numpy().any() if drawn else mask.to_numpy().any()):
            blocks.append(
                f'<p class="caption">Blank bars and cells are withheld: fewer than {k} people or enrollments, '
                "or numbers that would reveal them (see About these numbers).</p>"
            )
    return (
        f'<section id="{anchor}" data-section="{html.escape(name)}">\n<h2>{html.escape(title)}</h2>\n'
        + "\n".join(blocks)
        + "\n</section>"
    )


def _about(tables: dict[str, SheetTable], meta: ExportMeta) -> str:
    rows = "\n".join(
        f"<tr><td>{html.escape(name)}</td><td>{html.escape(TABLES[name].description)}</td></tr>" for name in tables
    )
    notes = [
        f"<li><b>{html.escape(name)}</b>: {html.escape(note)}</li>"
        for name, result in tables.items()
        for note in result.notes[2:]
        if not note.startswith("Nothing")
    ]
    listed = "\n".join(notes) or "<li>Nothing needed withholding.</li>"
    return (
        '<section id="about" data-section="About these numbers">\n<h2>About these numbers</h2>\n'
        f"<p>{html.escape(meta.suppression)}</p>\n"
        + (
            f"<p>Cut from {html.escape(meta.release.text)}, view: {html.escape(meta.release.view_label)}.</p>\n"
            if meta.release
            else ""
        )
        + f'<ul class="notes">\n{listed}\n</ul>\n'
        "<h3>What each table counts</h3>\n"
        f'<table class="definitions">\n{rows}\n</table>\n</section>'
    )
