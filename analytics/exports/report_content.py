"""What the funder report says, once, for every format: HTML (``report.py``) and PDF (``report_pdf.py``).

``report_content(tables, ...)`` is a pure function of table frames (live and suppressed, or
cut from a published release: withheld cells are pd.NA), so the HTML and the PDF always say
the same thing: title, as-of, filters, headlines with their fair comparison, school years,
charts with a one-line reading and a text alternative, goals, the withheld-cell note and a
short data dictionary of the tables shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd
import plotly.graph_objects as go

from analytics import charts, comparisons
from analytics.charts import base, registry
from analytics.exports import readings
from analytics.metrics.spec import TABLES

# The tables the report draws (all computed under the report's filters).
REPORT_TABLES = (
    "participation_by_term",
    "participation_by_year",
    "participation_by_sector",
    "participation_by_category",
    "returning_by_term",
    "cohort_retention",
    "cross_sector_exchange",
    "leader_pipeline",
    "pipeline_conversion",
)
SECTIONS = (
    "Headlines",
    "School years",
    "Growth",
    "Strands",
    "Returning participants",
    "Cross-sector exchange",
    "Leader pipeline",
    "Goals",
)
TITLE = "Teacher-led learning across sectors"
KICKER = "Boston Educators Collaborative"
LEAD = (
    "Free courses led by district, charter and Catholic school teachers for one another: "
    "how many take part, who comes back, and who goes on to lead."
)
# Columns a chart draws, where it draws only some of its table (for the "withheld" caption).
_DRAWN = {
    "participation_by_term": ("participants", "enrollments", "courses"),
    "participation_by_year": ("participants", "enrollments", "courses"),
}
GOAL_STATUS = {True: "met", False: "not met"}


@dataclass(frozen=True)
class Chart:
    table: str  # the table it draws
    figure: go.Figure
    reading: str | None  # one plain sentence, or None
    alt: str  # the one-sentence text alternative
    withheld: bool  # some cells it draws are withheld


@dataclass(frozen=True)
class Section:
    name: str  # as in SECTIONS
    heading: str
    charts: tuple[Chart, ...] = ()
    headlines: tuple[comparisons.Headline, ...] = ()
    headline_heading: str = ""
    text: tuple[str, ...] = ()

    @property
    def anchor(self) -> str:
        return self.name.lower().replace(" ", "-")


@dataclass(frozen=True)
class ReportContent:
    title: str
    filters: str
    as_of: str
    prepared: str
    protection: str  # "counts under 10 withheld" / "no suppression"
    sections: tuple[Section, ...]
    goals: pd.DataFrame  # goal_progress, with a status column in words
    rule: str  # the withheld-cell rule in a sentence
    notes: tuple[str, ...] = ()
    dictionary: tuple[tuple[str, str], ...] = ()
    kicker: str = KICKER
    lead: str = LEAD
    in_progress: str | None = None


def report_content(
    tables: dict[str, pd.DataFrame],
    *,
    filters: str,
    as_of: datetime | None,
    protection: str,
    rule: str,
    goal_progress: pd.DataFrame | None = None,
    in_progress: str | None = None,
    latest_term: str | None = None,
    notes: tuple[str, ...] = (),
    now: datetime | None = None,
) -> ReportContent:
    """Everything the report says, from the frames of ``REPORT_TABLES`` (and goal_progress, if any).

    ``latest_term`` is the latest term of all the data (a term filter must not make a finished
    school year look unfinished); by default the latest term of ``participation_by_term``.
    """
    shown = {name: tables[name] for name in REPORT_TABLES}
    by_term, by_year = shown["participation_by_term"], shown["participation_by_year"]
    latest = latest_term or (base.ordered_terms(by_term["term"])[-1] if not by_term.empty else None)
    year_open = comparisons.year_in_progress(latest, in_progress)
    progress = _goal_rows(goal_progress, latest, in_progress)
    numbers = comparisons.headline_numbers(by_term, in_progress)
    years = comparisons.year_headlines(by_year, year_open)
    span = base.span(by_term["term"]) or "no terms for these filters"
    sections = [
        Section(
            "Headlines",
            f"Headlines, {numbers[0].term}" if numbers else "Headlines",
            headlines=tuple(numbers),
            headline_heading=comparisons.headline_heading(numbers),
            text=(readings.headline(numbers),),
        ),
        Section(
            "School years",
            "School years (Summer to Spring)",
            charts=(_chart(shown, "participation_by_year", readings.years(by_year, year_open), progress),),
            headlines=tuple(years),
            headline_heading=comparisons.headline_heading(years),
        ),
        *_table_sections(shown, progress, in_progress),
        Section("Goals", "Goals", text=(readings.goals(progress),)),
    ]
    return ReportContent(
        title=f"{TITLE}, {span}",
        filters=filters,
        as_of=f"{as_of:%d %B %Y, %H:%M} UTC" if as_of else "no data loaded",
        prepared=f"{(now or datetime.now(UTC)):%d %B %Y}",
        protection=protection,
        sections=tuple(sections),
        goals=progress,
        rule=rule,
        notes=tuple(notes),
        dictionary=tuple((name, TABLES[name].description) for name in REPORT_TABLES),
        in_progress=in_progress,
    )


def _table_sections(shown, progress, in_progress) -> list[Section]:
    by_term, by_sector = shown["participation_by_term"], shown["participation_by_sector"]
    leaders, conversion = shown["leader_pipeline"], shown["pipeline_conversion"]
    when = base.span(by_term["term"])
    return [
        Section(
            "Growth",
            "Growth since the pilot",
            (
                _chart(shown, "participation_by_term", readings.growth(by_term, in_progress), progress),
                _chart(shown, "participation_by_sector", readings.sectors(by_sector)),
            ),
        ),
        Section(
            "Strands",
            "The three strands",
            (_chart(shown, "participation_by_category", readings.strands(shown["participation_by_category"])),),
        ),
        Section(
            "Returning participants",
            "Teachers coming back",
            (
                _chart(shown, "returning_by_term", readings.returning(shown["returning_by_term"]), progress),
                _chart(shown, "cohort_retention", None),
            ),
        ),
        Section(
            "Cross-sector exchange",
            "Learning across sectors",
            (_chart(shown, "cross_sector_exchange", readings.exchange(shown["cross_sector_exchange"]), when=when),),
        ),
        Section(
            "Leader pipeline",
            "From participant to leader",
            (
                _chart(shown, "leader_pipeline", readings.pipeline(leaders, conversion), progress),
                _chart(shown, "pipeline_conversion", None),
            ),
        ),
    ]


# The report's choice where a table declares several charts, and its own options for a chart.
_REPORT_CHART = {"participation_by_year": "growth_since_pilot"}
_REPORT_OPTIONS = {"participation_by_category": {"measure": "enrollments"}}


def _figure(name: str, frame: pd.DataFrame, goals: pd.DataFrame | None, when: str) -> go.Figure:
    """The table's chart from its registry entry, as the dashboard draws it."""
    chart = registry.chart_of(name, TABLES[name].charts, _REPORT_CHART.get(name))
    return registry.draw(chart, frame, goals=goals, when=when, **_REPORT_OPTIONS.get(name, {}))


def _chart(shown, name: str, reading: str | None, goals: pd.DataFrame | None = None, when: str = "") -> Chart:
    frame = shown[name]
    figure = _figure(name, frame, goals, when)
    return Chart(name, figure, reading, charts.describe(figure), has_withheld(frame, name, _DRAWN.get(name)))


def has_withheld(frame: pd.DataFrame, name: str, columns: tuple[str, ...] | None = None) -> bool:
    """Whether any count the chart draws is withheld: counts are never blank otherwise, so NA means withheld."""
    spec = TABLES[name]
    counts = [c for c in (columns or spec.person_counts) if c in spec.person_counts and c in frame.columns]
    return bool(frame[counts].isna().to_numpy().any()) if counts and not frame.empty else False


def _goal_rows(goal_progress: pd.DataFrame | None, latest: str | None, in_progress: str | None) -> pd.DataFrame:
    """goal_progress with a ``status`` in words: met, not met, in progress, or withheld (an over period's
    actual that the release withholds)."""
    columns = ["metric", "period", "target", "actual", "met", "status"]
    if goal_progress is None or goal_progress.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    status = []
    for period, met in zip(goal_progress["period"], goal_progress["met"], strict=True):
        if not pd.isna(met):
            status.append(GOAL_STATUS[bool(met)])
        elif comparisons.period_over(str(period), latest, in_progress):
            status.append("withheld")
        else:
            status.append("in progress")
    return goal_progress.assign(status=status)[columns].reset_index(drop=True)
