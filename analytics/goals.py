"""Goals: the targets of a grant ("more than 250 teachers in Spring 2018"), and how far each got.

A coordinator records a target for one metric in one period (a term or a school
year): ``set_goal``, ``remove_goal``, ``list_goals`` (table ``goals``, migration 003).
``goal_progress`` (docs/METRICS.md) puts each beside its actual value, taken from the table
that defines the metric under no filter, and says whether it was met: true or false
once the period is over, blank while it is not (``analytics.comparisons.period_over``).

``progress_from(tables, goals)`` is a pure function of table frames, so a published
release (whose withheld cells are pd.NA) gives goal progress the same way as the live
tables: where an actual is withheld, actual and met are withheld too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb
import pandas as pd

from analytics import comparisons, metrics
from analytics.errors import AnalyticsError, UnknownValueError
from analytics.metrics.spec import TableSpec
from analytics.school_years import SchoolYear, parse_school_year
from analytics.vocab import parse_term
from analytics.warehouse import read_sql


@dataclass(frozen=True)
class GoalMetric:
    label: str
    kind: str  # "count" or "rate"
    term_table: str  # the table that defines it per term
    year_table: str | None  # ... per school year (None: not defined per school year)
    column: str


METRICS: dict[str, GoalMetric] = {
    "participants": GoalMetric(
        "Participants", "count", "participation_by_term", "participation_by_year", "participants"
    ),
    "new_participants": GoalMetric(
        "New participants", "count", "participation_by_term", "participation_by_year", "new_participants"
    ),
    "returning_rate": GoalMetric(
        "Returning rate", "rate", "returning_by_term", "participation_by_year", "returning_rate"
    ),
    "courses": GoalMetric("Courses", "count", "participation_by_term", "participation_by_year", "courses"),
    "schools": GoalMetric("Schools", "count", "participation_by_term", "participation_by_year", "schools"),
    "leaders": GoalMetric("Teacher leaders", "count", "participation_by_term", "participation_by_year", "leaders"),
    # Grown from within is decided term by term; a school year's would count a leader of two terms twice.
    "leaders_from_participants": GoalMetric(
        "Leaders grown from within", "count", "leader_pipeline", None, "leaders_from_participants"
    ),
    "cumulative_leaders": GoalMetric(
        "Leaders so far (cumulative)", "count", "leader_pipeline", "leader_pipeline", "cumulative_leaders"
    ),
}
# The tables goal progress reads (all under no filter).
SOURCE_TABLES = ("participation_by_term", "participation_by_year", "returning_by_term", "leader_pipeline")
COLUMNS = ("metric", "period", "target", "actual", "met")
SPEC = TableSpec(
    "goal_progress",
    COLUMNS,
    "Each goal's target beside its actual value (no filter), and whether it was met (blank while not over).",
    keys=("metric", "period"),
)
_PERCENT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%\s*$")


@dataclass(frozen=True)
class Goal:
    metric: str
    period: str  # canonical: 'Fall 2019' or '2019-20'
    target: float


def parse_period(raw: object) -> str:
    """A term ('Fall 2019', 'FA19') or a school year ('2019-20') in canonical form; AnalyticsError otherwise."""
    term = parse_term(raw)
    if term is not None:
        return term.label
    year = parse_school_year(raw)
    if year is not None:
        return year.label
    raise AnalyticsError(f"goal period {str(raw)!r} is not a term (e.g. Fall 2019) or a school year (e.g. 2019-20)")


def parse_goal(metric: object, period: object, value: object) -> Goal:
    """A goal from what a coordinator typed; an AnalyticsError naming the bad metric, period or value."""
    name = str(metric).strip().lower()
    if name not in METRICS:
        raise UnknownValueError("goal metric", str(metric), list(METRICS))
    spec = METRICS[name]
    label = parse_period(period)
    if spec.year_table is None and parse_school_year(label) is not None:
        raise AnalyticsError(f"goal period {label!r}: {name} is counted per term, so its goals are for a term")
    return Goal(name, label, _parse_target(spec, name, value))


def _parse_target(spec: GoalMetric, name: str, value: object) -> float:
    text = str(value).strip()
    if spec.kind == "rate":
        percent = _PERCENT.match(text)
        try:
            share = float(percent[1]) / 100 if percent else float(text)
        except ValueError:
            share = float("nan")
        if not 0 <= share <= 1:  # also false for NaN
            raise AnalyticsError(
                f"goal value {text!r} for {name}: give a share from 0 to 1 (0.35) or a percentage (35%)"
            )
        return round(share, 4)
    if not re.fullmatch(r"\d+", text.replace(",", "")):
        raise AnalyticsError(f"goal value {text!r} for {name}: give a whole number of 0 or more (e.g. 250)")
    return float(int(text.replace(",", "")))


def set_goal(con: duckdb.DuckDBPyConnection, metric: object, period: object, value: object) -> Goal:
    """Record (or replace) a goal; returns it as stored."""
    goal = parse_goal(metric, period, value)
    con.execute(read_sql("goals/set.sql"), {"metric": goal.metric, "period": goal.period, "target": goal.target})
    return goal


def remove_goal(con: duckdb.DuckDBPyConnection, metric: object, period: object) -> None:
    """Remove a goal; an AnalyticsError naming it when there is none."""
    name = str(metric).strip().lower()
    if name not in METRICS:
        raise UnknownValueError("goal metric", str(metric), list(METRICS))
    label = parse_period(period)
    removed = con.execute(read_sql("goals/remove.sql"), {"metric": name, "period": label}).fetchall()
    if not removed:
        raise AnalyticsError(f"no goal for {name} in {label} to remove (python -m analytics goals lists them)")


def list_goals(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every goal: ``metric, period, target`` in the order recorded."""
    cursor = con.cursor()
    try:
        frame = cursor.execute(read_sql("goals/list.sql")).df()
    finally:
        cursor.close()
    return frame[["metric", "period", "target"]].astype({"metric": "str", "period": "str", "target": "float64"})


def goal_progress(con: duckdb.DuckDBPyConnection, suppress_below: int | None = None) -> pd.DataFrame:
    """``goal_progress`` from the tables under no filter and the goals recorded.

    With ``suppress_below`` the tables are withheld first (as any export for sharing is), so a
    withheld actual withholds its goal's actual and met. Whether a term is still open is decided
    on the live enrollment statuses: a date, not a count of people.
    """
    if suppress_below and suppress_below > 1:
        from analytics.exports.api import tables_for_export  # exports build on goals, not the other way

        # shared: the latest release's tables under everything (refused when nothing is published)
        shared, _ = tables_for_export(con, SOURCE_TABLES, None, suppress_below)
        tables = {name: table.frame for name, table in shared.items()}
    else:
        tables = {name: metrics.compute(con, name) for name in SOURCE_TABLES}
    in_progress = comparisons.in_progress_term(metrics.compute(con, "enrollment_status"))
    return progress_from(tables, list_goals(con), in_progress=in_progress)


def progress_from(
    tables: dict[str, pd.DataFrame], goals: pd.DataFrame, *, in_progress: str | None = None
) -> pd.DataFrame:
    """``metric, period, target, actual, met`` for each goal, from table frames (live or released).

    ``tables`` holds ``SOURCE_TABLES`` under no filter. The term still in progress is
    ``in_progress``, else decided from ``tables["enrollment_status"]`` when given. A period
    is over once the data has gone past it; until then ``met`` is blank. A period with no
    row counts 0 for a count metric once it is over (nobody took part); a withheld actual
    (pd.NA) makes actual and met withheld.
    """
    by_term = tables["participation_by_term"]
    present = [t for t in (parse_term(label) for label in by_term["term"]) if t is not None]
    latest = max(present).label if present else None
    if in_progress is None and "enrollment_status" in tables:
        in_progress = comparisons.in_progress_term(tables["enrollment_status"])
    rows = []
    for goal in goals.itertuples(index=False):
        actual = _actual(tables, str(goal.metric), str(goal.period), latest, in_progress)
        over = comparisons.period_over(str(goal.period), latest, in_progress)
        met = pd.NA if actual is pd.NA or not over else bool(actual >= goal.target)
        rows.append((goal.metric, goal.period, float(goal.target), actual, met))
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    return frame.astype({"metric": "str", "period": "str", "target": "float64", "actual": "Float64", "met": "boolean"})


def _actual(tables, metric: str, period: str, latest: str | None, in_progress: str | None):
    spec = METRICS[metric]
    year = parse_school_year(period)
    if year is not None and spec.year_table == "leader_pipeline":
        return _cumulative_by(tables["leader_pipeline"], year)
    frame = tables[spec.year_table if year is not None else spec.term_table]
    key = "school_year" if year is not None else "term"
    row = frame[frame[key].astype(str) == period]
    if row.empty:
        over = latest is not None and comparisons.period_over(period, latest, in_progress)
        if spec.kind == "count" and over and metric != "cumulative_leaders":
            return 0.0
        if metric == "cumulative_leaders":
            return _cumulative_by(tables["leader_pipeline"], parse_term(period))
        return pd.NA
    if spec.column == "returning_rate" and "returning_rate" not in frame.columns:
        participants = comparisons.number(row["participants"].iloc[0])
        back = comparisons.number(row["returning_participants"].iloc[0])
        return pd.NA if participants in (None, 0) or back is None else round(back / participants, 4)
    value = comparisons.number(row[spec.column].iloc[0])
    return pd.NA if value is None else value


def _cumulative_by(pipeline: pd.DataFrame, until) -> object:
    """Leaders so far at the last term of ``until`` (a term or a school year) that the table holds."""
    last_term = until.terms[-1] if isinstance(until, SchoolYear) else until
    rows = [(t, i) for i, t in enumerate(parse_term(label) for label in pipeline["term"]) if t and t <= last_term]
    if not rows:
        return pd.NA
    value = comparisons.number(pipeline["cumulative_leaders"].iloc[max(rows)[1]])
    return pd.NA if value is None else value
