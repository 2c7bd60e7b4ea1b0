"""Table commands: `tables` (what each table means), `export NAME` (a table or the workbook), `report` (HTML or PDF).

`--suppress-below K` (K >= 2; the report's default is 10) asks for numbers fit to share:
they are cut from the latest published release, under one of its views, and a filter
set the release does not publish is refused (exit 2) with the views that are. Without
it (or with 0 or 1), coordinators get live numbers.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from analytics import warehouse
from analytics.errors import AnalyticsError, UnknownValueError
from analytics.filters import Filters
from analytics.metrics.spec import TABLES

_DB_HELP = "warehouse file (default: $ANALYTICS_DB or data/warehouse.duckdb)"
ALL = "all"


def register(sub) -> None:
    parser = sub.add_parser("tables", help="list every table with its one-line meaning")
    parser.add_argument("--json", action="store_true", help="print a JSON object: name -> meaning and columns")
    parser.set_defaults(func=run_tables)

    parser = sub.add_parser(
        "export",
        help="export a table (CSV, JSON or XLSX) or, with NAME 'all', every table as one workbook",
        description="CSV and JSON go to standard output unless -o is given; XLSX needs -o.",
    )
    parser.add_argument("name", metavar="NAME", help="a table (see `python -m analytics tables`) or 'all'")
    parser.add_argument("--format", default=None, choices=("csv", "xlsx", "json"), help="default csv (xlsx for all)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    _filter_arguments(parser, default_k=None)
    parser.set_defaults(func=run_export)

    parser = sub.add_parser("report", help="the funder report: one self-contained HTML file, or a PDF")
    parser.add_argument("-o", "--output", metavar="FILE", required=True, help="where to write the report")
    parser.add_argument("--format", choices=("html", "pdf"), default="html", help="html (default) or pdf")
    parser.add_argument("--paper", choices=("a4", "letter"), default="a4", help="PDF page size (default a4)")
    _filter_arguments(parser, default_k=10)
    parser.set_defaults(func=run_report)


def _filter_arguments(parser, default_k: int | None) -> None:
    parser.add_argument("--db", help=_DB_HELP)
    parser.add_argument("--sector", action="append", metavar="S", help="only this sector (repeatable; 'Charter' ok)")
    parser.add_argument("--category", action="append", metavar="C", help="only this strand (repeatable)")
    parser.add_argument("--term-from", metavar="T", help="first term, e.g. 'Spring 2018' or SP18")
    parser.add_argument("--term-to", metavar="T", help="last term, inclusive")
    parser.add_argument(
        "--suppress-below",
        type=int,
        default=default_k,
        metavar="K",
        help="numbers fit to share, from the latest published release (0 or 1: live numbers)"
        + (f" (default {default_k})" if default_k else " (default: live numbers)"),
    )


def _filters(args) -> Filters:
    if args.suppress_below is not None and args.suppress_below < 0:
        raise AnalyticsError(f"--suppress-below must be 0 or more, not {args.suppress_below}")
    return Filters.parse(args.sector, args.category, args.term_from, args.term_to)


def run_tables(args) -> int:
    if args.json:
        listing = {name: {"meaning": s.description, "columns": list(s.columns)} for name, s in TABLES.items()}
        print(json.dumps(listing, indent=1))
        return 0
    width = max(map(len, TABLES))
    for name, spec in TABLES.items():
        print(f"{name:<{width}}  {spec.description}")
    return 0


def run_export(args) -> int:
    from analytics.exports import export_table, export_workbook, shared

    if args.name != ALL and args.name not in TABLES and not shared(args.suppress_below):
        raise UnknownValueError("table", args.name, [*TABLES, ALL])  # a release may hold more: it says which
    fmt = args.format or ("xlsx" if args.name == ALL else "csv")
    if args.name == ALL and fmt != "xlsx":
        raise AnalyticsError("export all writes one workbook: use --format xlsx -o FILE.xlsx")
    if fmt == "xlsx" and not args.output:
        raise AnalyticsError("an XLSX file is binary: give -o FILE.xlsx")
    filters = _filters(args)
    with warehouse.connect(args.db, read_only=True) as con:
        if args.name == ALL:
            export = export_workbook(con, filters, args.suppress_below)
        else:
            export = export_table(con, args.name, filters, fmt, args.suppress_below)
    for note in export.notes:
        print(f"note: {note}", file=sys.stderr)
    if args.output:
        _write(args.output, export.data)
        print(f"wrote {args.output} ({len(export.data):,} bytes; suggested name {export.filename})", file=sys.stderr)
    else:
        # the byte-order mark helps Excel open a downloaded file; a pipe to other tools is better without it
        data = export.data.removeprefix(b"\xef\xbb\xbf") if fmt == "csv" else export.data
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def run_report(args) -> int:
    from analytics.exports import build_report, build_report_pdf

    filters = _filters(args)
    with warehouse.connect(args.db, read_only=True) as con:
        if args.format == "pdf":
            data = build_report_pdf(con, filters, args.suppress_below, args.paper)
        else:
            data = build_report(con, filters, args.suppress_below).encode("utf-8")
    _write(args.output, data)
    print(f"wrote {args.output} ({len(data):,} bytes)", file=sys.stderr)
    return 0


def _write(path: str, data: bytes) -> None:
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    except OSError as exc:
        raise AnalyticsError(f"{path}: cannot write ({exc.strerror or exc})") from exc
