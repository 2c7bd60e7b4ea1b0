"""`python -m analytics bench`: the performance benchmark of docs/PERFORMANCE.md."""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path

from analytics.errors import AnalyticsError


def register(sub) -> None:
    parser = sub.add_parser(
        "bench",
        help="measure import, every table (against a pandas baseline) and every page at several sizes",
        description="Generate synthetic collaboratives of the given sizes, import each, then time every docs/METRICS.md "
        "table through the analytics package and through a plain pandas implementation (checked equal), every "
        "dashboard page's rerun after a filter change, and, at the largest size, the Overview's first chart in "
        "a real browser. Figures are medians of warm runs after a warm-up. Progress goes to stderr.",
    )
    parser.add_argument(
        "--enrollments",
        type=_size,
        action="append",
        metavar="N",
        help="a size to measure (repeatable; default: 10000, 100000 and 1000000)",
    )
    parser.add_argument("--runs", type=_runs, default=5, metavar="R", help="warm runs per figure (default 5)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the tables")
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep the exports and warehouses there")
    parser.add_argument("--no-pages", action="store_true", help="skip the dashboard pages (AppTest)")
    parser.add_argument("--no-browser", action="store_true", help="skip the real-browser first-chart time")
    parser.add_argument("--no-publish", action="store_true", help="skip publishing a funder release (publish_s)")
    parser.add_argument(
        "--no-pandas", action="store_true", help="skip the pandas baseline and its equality check (tables: DuckDB only)"
    )
    parser.add_argument(
        "--memory-limit",
        metavar="SIZE",
        help="DuckDB's memory in the imports, e.g. 6GB (default: the import's budget, twice the files' size, at least 1 GiB)",
    )
    parser.add_argument(
        "--publish-limit",
        type=_runs,
        default=600,
        metavar="S",
        help="stop publishing a release after S seconds and record that (default 600)",
    )
    parser.add_argument("--seed", type=int, default=None, metavar="N", help="generator seed (default: its own)")
    parser.set_defaults(func=run)


def _size(text: str) -> int:
    try:
        value = int(text.replace("_", "").replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 200:
        raise argparse.ArgumentTypeError("must be at least 200 (the generator's smallest collaborative)")
    return value


def _runs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def run(args) -> int:
    from analytics.bench import report as text
    from analytics.bench.run import Options
    from analytics.bench.run import run as bench

    options = Options(
        sizes=tuple(args.enrollments or Options.sizes),
        runs=args.runs,
        pages=not args.no_pages,
        browser=not args.no_browser,
        seed=args.seed,
        publish_limit_s=0 if args.no_publish else float(args.publish_limit),
        memory_limit=args.memory_limit,
        pandas=not args.no_pandas,
    )
    if options.browser:  # said before minutes of generating and importing, not after
        from analytics.bench.browser import require

        require()
    if args.keep:
        workdir = Path(args.keep)
        try:
            workdir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise AnalyticsError(f"cannot use {args.keep} as the work folder: {exc.strerror or exc}") from exc
    else:
        workdir = Path(tempfile.mkdtemp(prefix="analytics-bench-"))
    try:
        result = bench(options, workdir)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    print(json.dumps(result, indent=1) if args.json else text.render(result))
    unequal = [name for size in result["sizes"] for name, t in size["tables"].items() if t["equal"] is False]
    return 1 if unequal else 0
