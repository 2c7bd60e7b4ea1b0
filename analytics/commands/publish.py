"""`python -m analytics publish`: build, protect, audit and store a release for funders."""

from __future__ import annotations

import json
import sys

from analytics import warehouse


def register(sub) -> None:
    parser = sub.add_parser("publish", help="publish a protected, audited release of the funder tables")
    parser.add_argument("--db", help="warehouse file (default: $ANALYTICS_DB or data/warehouse.duckdb)")
    parser.add_argument("--k", type=int, default=10, help="counts 1 to K-1 are withheld (default 10)")
    parser.add_argument("--p", type=int, default=5, help="every withheld count spans at least P values (default 5)")
    parser.add_argument("--json", action="store_true", help="print the release's figures as one JSON object")
    parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    parser.set_defaults(func=run)


def run(args) -> int:
    from analytics.disclosure import publish

    def progress(text: str) -> None:
        if not args.quiet:
            print(text, file=sys.stderr, flush=True)

    with warehouse.connect(args.db) as con:
        release = publish(con, k=args.k, p=args.p, progress=progress)
    if args.json:
        print(json.dumps({"release_id": release.id, "k": release.k, "p": release.p, **release.audit}, default=str))
        return 0
    print(f"release {release.id} published (K={release.k}, P={release.p}, data as of {release.as_of})")
    share = release.withheld_cells / release.cells if release.cells else 0
    print(
        f"cells: {release.cells:,}, withheld {release.withheld_cells:,} ({share:.1%}); narrowest interval {release.narrowest}"
    )
    timings = release.audit.get("timings", {})
    print("seconds: " + ", ".join(f"{k} {v}" for k, v in timings.items()))
    return 0
