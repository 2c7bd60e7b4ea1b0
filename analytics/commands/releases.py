"""`python -m analytics releases`: the releases published so far, newest first."""

from __future__ import annotations

from analytics import warehouse


def register(sub) -> None:
    parser = sub.add_parser("releases", help="list the releases published for funders")
    parser.add_argument("--db", help="warehouse file (default: $ANALYTICS_DB or data/warehouse.duckdb)")
    parser.set_defaults(func=run)


def run(args) -> int:
    from analytics.disclosure import list_releases

    with warehouse.connect(args.db) as con:
        frame = list_releases(con)
    if frame.empty:
        print("no release published yet (python -m analytics publish)")
        return 0
    print(frame.to_string(index=False))
    return 0
