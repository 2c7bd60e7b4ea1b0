"""`python -m analytics info`: where the warehouse is, its as-of time and row counts."""

from __future__ import annotations

import json

from analytics import warehouse


def register(sub) -> None:
    parser = sub.add_parser("info", help="where the warehouse is, its as-of time and row counts")
    parser.add_argument("--db", help="warehouse file (default: $ANALYTICS_DB or data/warehouse.duckdb)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(func=run)


def run(args) -> int:
    with warehouse.connect(args.db) as con:
        as_of = warehouse.as_of(con)
        counts = warehouse.table_counts(con)
    if args.json:
        print(json.dumps({"db": warehouse.db_path(args.db), "as_of": as_of.isoformat() if as_of else None, **counts}))
        return 0
    print(f"warehouse: {warehouse.db_path(args.db)}")
    print(f"as of:     {as_of:%Y-%m-%d %H:%M} UTC" if as_of else "as of:     (nothing imported yet)")
    for name, count in counts.items():
        print(f"{name:<17}{count:>10,}")
    return 0
