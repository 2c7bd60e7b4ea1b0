"""`python -m analytics audit [--release ID]`: check a release against the disclosure rule.

Exit 0 when every withheld count spans at least P values, 1 on any disclosure.
"""

from __future__ import annotations

import json

from analytics import warehouse


def register(sub) -> None:
    parser = sub.add_parser("audit", help="check a release (default: the latest) against the disclosure rule")
    parser.add_argument("--db", help="warehouse file (default: $ANALYTICS_DB or data/warehouse.duckdb)")
    parser.add_argument("--release", type=int, help="release id (default: the latest)")
    parser.add_argument("--json", action="store_true", help="print the audit as one JSON object")
    parser.add_argument(
        "--exact",
        action="store_true",
        help="bound every withheld count by its two linear programmes (its full interval), not certificates first",
    )
    parser.set_defaults(func=run)


def run(args) -> int:
    from analytics.disclosure import audit_release

    with warehouse.connect(args.db) as con:
        report = audit_release(con, args.release, exact=args.exact)
    if args.json:
        print(json.dumps(report.to_dict(), default=str))
        return 0 if report.passed else 1
    print(f"release {report.release_id}: K={report.k}, P={report.p}, audited in {report.seconds:.1f} s")
    print(report.tables.to_string(index=False))
    print(
        f"withheld counts: {report.proven} proven by a certificate, {report.bounded} bounded exactly; "
        f"narrowest interval found: {report.narrowest}"
    )
    if report.passed:
        print(f"passed: every withheld count spans at least {report.p} values")
        return 0
    print(f"FAILED: {len(report.disclosures)} withheld cell(s) narrower than {report.p} values:")
    print(report.disclosures.head(20).to_string(index=False))
    return 1
