"""`goals`: list goals with their progress; `goals set METRIC PERIOD VALUE`; `goals remove METRIC PERIOD`."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from analytics import goals, warehouse
from analytics.errors import AnalyticsError

_DB_HELP = "warehouse file (default: $ANALYTICS_DB or data/warehouse.duckdb)"


def register(sub) -> None:
    parser = sub.add_parser(
        "goals",
        help="list the goals with their progress (goal_progress), or set / remove one",
        description=(
            "Goals are targets for one metric in one period (a term such as 'Fall 2019' or a school year "
            f"such as 2019-20). Metrics: {', '.join(goals.METRICS)}. Without an action, prints goal_progress: "
            "metric, period, target, actual (no filter) and met (blank while the period is not over)."
        ),
    )
    parser.add_argument("--db", help=_DB_HELP)
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table", help="how to print the list")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the list here instead of standard output")
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    setter = actions.add_parser("set", help="record a goal (replaces the target of the same metric and period)")
    setter.add_argument("metric", metavar="METRIC", help=", ".join(goals.METRICS))
    setter.add_argument("period", metavar="PERIOD", help="a term ('Spring 2018', SP18) or a school year (2019-20)")
    setter.add_argument("value", metavar="VALUE", help="a whole number; for returning_rate 0.35 or 35%%")
    setter.add_argument("--db", help=_DB_HELP)
    remover = actions.add_parser("remove", help="remove a goal")
    remover.add_argument("metric", metavar="METRIC")
    remover.add_argument("period", metavar="PERIOD")
    remover.add_argument("--db", help=_DB_HELP)
    parser.set_defaults(func=run_goals)


def run_goals(args) -> int:
    if args.action == "set":
        goal = goals.parse_goal(args.metric, args.period, args.value)  # a bad value fails before opening anything
        with warehouse.connect(args.db) as con:
            goals.set_goal(con, goal.metric, goal.period, args.value)
        print(f"goal set: {goal.metric} in {goal.period} = {_target(goal.metric, goal.target)}", file=sys.stderr)
        return 0
    if args.action == "remove":
        with warehouse.connect(args.db) as con:
            goals.remove_goal(con, args.metric, args.period)
        print(f"goal removed: {args.metric} in {goals.parse_period(args.period)}", file=sys.stderr)
        return 0
    with warehouse.connect(args.db, read_only=True) as con:
        progress = goals.goal_progress(con)
        as_of = warehouse.as_of(con)
    data = _render(progress, args.format, as_of)
    if args.output:
        try:
            Path(args.output).write_bytes(data)
        except OSError as exc:
            raise AnalyticsError(f"{args.output}: cannot write ({exc.strerror or exc})") from exc
        print(f"wrote {args.output} ({len(progress)} goals)", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
    return 0


def _target(metric: str, value: float) -> str:
    return f"{value:.0%}" if goals.METRICS[metric].kind == "rate" else f"{value:,.0f}"


def _render(progress, fmt: str, as_of) -> bytes:
    from analytics.exports.meta import ExportMeta
    from analytics.exports.writers import csv_bytes, json_bytes
    from analytics.filters import Filters

    if fmt == "csv":
        return csv_bytes(progress).removeprefix(b"\xef\xbb\xbf")
    if fmt == "json":
        return json_bytes(progress, goals.SPEC, ExportMeta(Filters(), as_of, None), [])
    if progress.empty:
        return b"No goals yet: python -m analytics goals set METRIC PERIOD VALUE\n"
    shown = progress.astype({"met": "object"}).assign(
        met=[_met_word(value) for value in progress["met"]], actual=progress["actual"].astype("object")
    )
    return (shown.to_string(index=False, na_rep="") + "\n").encode("utf-8")


def _met_word(value) -> str:
    """met / not met / blank while the period is not over (or its actual is withheld)."""
    return "" if value is pd.NA else ("met" if value else "not met")
