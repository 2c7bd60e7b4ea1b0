"""Import commands: `ingest`, `imports`, `undo`, `rejects`, `duplicates`."""

from __future__ import annotations

import argparse
import json

import pandas as pd

from analytics import warehouse

_DB_HELP = "warehouse file (default: $ANALYTICS_DB or data/warehouse.duckdb)"


def register(sub) -> None:
    parser = sub.add_parser("ingest", help="import export files (CSV, XLSX) into the warehouse")
    parser.add_argument("files", nargs="+", metavar="FILE", help="export files; kinds are detected from headers")
    parser.add_argument("--db", help=_DB_HELP)
    parser.add_argument("--kind", choices=("courses", "enrollments", "surveys", "schools"), help="force the kind")
    parser.add_argument("--mapping", metavar="FILE", help="TOML: [columns], [sectors], [categories]")
    parser.add_argument(
        "--identity",
        metavar="FILE",
        help="identity overrides CSV (default: $ANALYTICS_IDENTITY, else data/identity_overrides.csv)",
    )
    parser.add_argument(
        "--accept-mapping",
        action="store_true",
        help="take the proposed columns and term of files that need a decision, and save them as layouts",
    )
    parser.add_argument("--term", help="the term of every row, for files with no term column (e.g. 'Spring 2018')")
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="check and report (with --json: every file's proposed mapping), write nothing",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON list, one object per file")
    parser.add_argument(
        "--memory-limit",
        type=_size,
        metavar="SIZE",
        help="DuckDB's memory during the import, e.g. 6GB (default: twice the files' size, at least 1 GiB)",
    )
    parser.set_defaults(func=run_ingest)

    # the listing commands: each reads one warehouse and prints a table (or JSON)
    for name, text, batch, json_help, func in (
        ("imports", "list import batches, newest first", None, "print JSON records", run_imports),
        ("undo", "undo one import batch exactly", {}, "print one JSON object", run_undo),
        (
            "rejects",
            "rejected rows (of one batch, or of every batch in effect)",
            {"nargs": "?"},
            "print JSON records",
            run_rejects,
        ),
        ("duplicates", "people with the same name under different emails", None, "print JSON records", run_duplicates),
    ):
        parser = sub.add_parser(name, help=text)
        if batch is not None:
            parser.add_argument("batch_id", type=int, metavar="BATCH_ID", **batch)
        parser.add_argument("--db", help=_DB_HELP)
        parser.add_argument("--json", action="store_true", help=json_help)
        parser.set_defaults(func=func)


def _size(text: str) -> str:
    from analytics.ingest.budget import size_bytes

    if not size_bytes(text) or not text.strip()[-1:].isalpha():
        raise argparse.ArgumentTypeError(f"not a size such as 6GB or 1500MiB: {text!r}")
    return text.strip()


def run_ingest(args) -> int:
    from analytics.ingest import ingest_files

    with warehouse.connect(args.db) as con:
        results = ingest_files(
            con,
            args.files,
            kind=args.kind,
            mapping=args.mapping,
            dry_run=args.dry_run,
            identity_file=args.identity,
            accept_mapping=args.accept_mapping,
            term=args.term,
            memory_limit=args.memory_limit,
        )
    if args.json:
        print(json.dumps([r.to_dict() for r in results], indent=2))
        return 0
    if args.dry_run:
        print("dry run: nothing was written")
    print(
        f"{'file':<40} {'kind':<12} {'read':>8} {'loaded':>8} {'rejected':>8} {'skipped':>8} {'new':>8} "
        f"{'updated':>8}  batch"
    )
    for r in results:
        name = f"{r.file} [{r.sheet}]" if r.sheet else r.file
        batch = "" if r.batch_id is None else str(r.batch_id)
        if r.skipped:
            batch = f"{batch} (already loaded, skipped)"
        print(
            f"{name[:40]:<40} {r.kind:<12} {r.rows_read:>8,} {r.loaded:>8,} {r.rejected:>8,} {r.skipped_lines:>8,} "
            f"{r.inserted:>8,} {r.updated:>8,}  {batch}"
        )
    for r in results:
        _print_reading(r)
    for r in results:
        if r.rejects and not r.skipped:
            print(f"\n{r.file}: {r.rejected:,} rejected row(s); first reasons:")
            for item in r.rejects[:10]:
                column = f" [{item['column']}]" if item["column"] else ""
                print(f"  line {item['line']}{column}: {item['reason']}")
    if any(r.rejected and not r.skipped for r in results):
        print("\nall rejected rows: python -m analytics rejects [BATCH_ID]")
    return 0


def _print_reading(r) -> None:
    """How a file was read: its layout, term, ignored columns, footer lines, warnings."""
    notes = []
    if r.layout:
        notes.append(f"read as your {r.layout} layout")
    if r.saved_layout:
        notes.append(f"saved as layout {r.saved_layout!r}")
    if r.decisions and not r.saved_layout:
        notes.append("proposed: " + "; ".join(r.decisions))
    if r.term and r.term_source != "column":
        notes.append(f"term {r.term} from the {r.term_source}" if r.term_source != "--term" else f"term {r.term}")
    if r.ignored:
        notes.append("ignored: " + ", ".join(r.ignored))
    if r.skipped_lines:
        notes.append(f"{r.skipped_lines} footer/note line(s) skipped")
    if r.warnings:
        notes.append(
            f"{r.warnings} value(s) left blank with a warning (first: line {r.first_warnings[0]['line']}: "
            f"{r.first_warnings[0]['warning']})"
        )
    if notes:
        print(f"  {r.file}: " + "; ".join(notes))


def _print_frame(frame: pd.DataFrame, as_json: bool, empty: str) -> None:
    if as_json:
        print(frame.to_json(orient="records", date_format="iso", indent=2))
    elif frame.empty:
        print(empty)
    else:
        print(frame.to_string(index=False))


def run_imports(args) -> int:
    from analytics.ingest import list_batches

    with warehouse.connect(args.db) as con:
        _print_frame(list_batches(con), args.json, "no imports yet")
    return 0


def run_undo(args) -> int:
    from analytics.ingest import undo_batch

    with warehouse.connect(args.db) as con:
        outcome = undo_batch(con, args.batch_id)
    if args.json:
        print(json.dumps(outcome))
        return 0
    print(f"undone batch {outcome['batch_id']} ({outcome['file_name']})")
    for label in ("removed", "restored"):
        parts = [f"{table} {count:,}" for table, count in outcome[label].items() if count]
        print(f"  {label}: {', '.join(parts) or 'nothing'}")
    return 0


def run_rejects(args) -> int:
    from analytics.ingest import rejected_rows

    with warehouse.connect(args.db) as con:
        frame = rejected_rows(con, args.batch_id)
    if not args.json:
        frame = frame.drop(columns=["raw_row"])
    _print_frame(frame, args.json, "no rejected rows")
    return 0


def run_duplicates(args) -> int:
    from analytics.identity import possible_duplicates

    with warehouse.connect(args.db) as con:
        _print_frame(possible_duplicates(con), args.json, "no possible duplicates")
    return 0
