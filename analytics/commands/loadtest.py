"""`python -m analytics loadtest URL --sessions N --seconds S`: real websocket sessions against a served dashboard.

The sessions are driven by tools/serve/loadtest.py in a child process (it speaks Streamlit's
protocol, and the analytics package never imports streamlit); this command passes the
arguments on and prints its report. Exit 1 when any session met an error.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from analytics.errors import AnalyticsError

TOOL = Path(__file__).resolve().parent.parent.parent / "tools" / "serve" / "loadtest.py"


def register(sub) -> None:
    parser = sub.add_parser("loadtest", help="hold N funder sessions against URL for S seconds; report latencies")
    parser.add_argument("url", help="the dashboard's address, e.g. http://127.0.0.1:8501 (make serve)")
    parser.add_argument("--sessions", type=int, default=20, help="concurrent sessions (default 20)")
    parser.add_argument("--seconds", type=float, default=60, help="how long they keep clicking (default 60)")
    parser.add_argument("--ramp", type=float, default=10, help="seconds over which sessions arrive (default 10)")
    parser.add_argument("--think", type=float, default=5, help="seconds between a session's clicks (default 5)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds one page run may take (default 120)")
    parser.add_argument("--cookie-secret", help="the [auth] cookie_secret of secrets.toml: sign sessions in")
    parser.add_argument("--email", help="the account sessions sign in as (a funder's address)")
    parser.add_argument("--json", action="store_true", help="print the report as one JSON object")
    parser.set_defaults(func=run)


def published_view_queries() -> list[str]:
    """The address query of every view funders are offered but everyone (a run without a query
    keeps the session's filters, as in a browser), sectors and strands taking turns."""
    from analytics.disclosure.views import VIEWS

    sectors = [f"sector={v.sectors[0]}" for v in VIEWS if v.sectors]
    strands = [f"category={v.categories[0]}" for v in VIEWS if v.categories]
    mixed = [q for pair in zip(sectors, strands, strict=False) for q in pair]
    longer = sectors if len(sectors) > len(strands) else strands
    return mixed + longer[len(mixed) // 2 :]


def run(args) -> int:
    if args.sessions < 1 or args.seconds <= 0:
        raise AnalyticsError(f"--sessions {args.sessions} --seconds {args.seconds}: both must be positive")
    command = [sys.executable, str(TOOL), args.url, "--sessions", str(args.sessions), "--seconds", str(args.seconds)]
    command += ["--ramp", str(args.ramp), "--think", str(args.think), "--timeout", str(args.timeout)]
    for query in published_view_queries():
        command += ["--view", query]
    if args.cookie_secret and args.email:
        command += ["--cookie-secret", args.cookie_secret, "--email", args.email]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise AnalyticsError(f"{args.url}: the load test could not run ({last})")
    report = json.loads(done.stdout)
    report["think_s"] = args.think
    if args.json:
        print(json.dumps(report))
    else:
        replicas = ", ".join(f"{name} {count}" for name, count in report["sessions_per_replica"].items())
        print(
            f"{report['sessions']} sessions for {report['seconds']} s: {report['page_runs']} page runs, "
            f"{report['errors']} errors ({report['sessions_without_error']} sessions without one)"
        )
        print(f"page run: p50 {report['p50_s']} s, p95 {report['p95_s']} s, max {report['max_s']} s")
        print(f"sessions per replica: {replicas}")
        for sample in report["error_samples"]:
            print(f"  {sample}")
    return 1 if report["errors"] else 0
