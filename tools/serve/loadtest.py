"""Load test: N real websocket sessions through a load balancer, each a funder clicking through pages.

Run by ``python -m analytics loadtest URL --sessions N --seconds S`` in a child process
(the analytics package never imports streamlit; this speaks Streamlit's own protocol):
it prints one JSON object with the errors, the page-run times and the sessions per replica.

Each session does what a browser tab does (``ui/protocol.py``): the page and the health
check for its cookies (HAProxy's affinity cookie names its replica), then a websocket
carrying "run this page with this query string" messages, one after another, each
waiting until the run has finished. Each session's first run is the Overview under
everyone, which always draws charts when a release is published: if it draws none, the
session is not signed in (or nothing is published), and that is an error, not a fast page.
Pages and published views (everyone, one sector, one strand) rotate per session. With
``--cookie-secret`` and ``--email`` every session carries the signed sign-in cookie
Streamlit's own sign-in would have set (tools/serve/signin.py), so the server shows it the
funder's pages.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

# run as a script: the repository root (above tools/) on the path, as for tools/serve/figures.py
sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from tools.serve.signin import COOKIE, user_cookie
from ui.protocol import browser_cookies, connect, run_page

FUNDER_PAGES = ("overview", "growth", "returning", "pipeline", "exchange")
AFFINITY_COOKIE = "SERVEID"


@dataclass
class SessionResult:
    replica: str | None = None
    runs: list[float] = field(default_factory=list)  # seconds per page run
    errors: list[str] = field(default_factory=list)


async def one_session(number: int, args, deadline: float, cookies: dict[str, str]) -> SessionResult:
    result = SessionResult()
    base = args.url.rstrip("/")
    try:
        jar = await asyncio.to_thread(browser_cookies, base, cookies)
        result.replica = jar.get(AFFINITY_COOKIE)
        async with connect(base, jar) as ws:
            started = time.monotonic()
            errors, charts = await run_page(ws, "overview", "", args.timeout)  # a fresh session: everyone's view
            result.runs.append(time.monotonic() - started)
            result.errors += errors
            if not charts:
                result.errors.append(f"session {number}: the Overview drew no chart (not signed in, or no release)")
                return result
            step = 0
            while time.monotonic() < deadline:
                page = FUNDER_PAGES[(number + step) % len(FUNDER_PAGES)]
                query = args.view[(number * 5 + step) % len(args.view)]
                started = time.monotonic()
                result.errors += (await run_page(ws, page, query, args.timeout))[0]
                result.runs.append(time.monotonic() - started)
                step += 1
                if args.think:
                    await asyncio.sleep(args.think)
    except Exception as exc:  # a dropped or refused connection is an error of this session, reported below
        result.errors.append(f"session {number}: {type(exc).__name__}: {str(exc)[:200]}")
    return result


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


async def load(args) -> dict:
    cookies = {}
    if args.cookie_secret and args.email:
        cookies[COOKIE] = user_cookie(args.cookie_secret, args.email, args.url.rstrip("/"))["value"]
    started = time.monotonic()
    deadline = started + args.seconds
    tasks = []
    for number in range(args.sessions):  # sessions arrive over --ramp seconds, as a shared link's readers do
        tasks.append(asyncio.create_task(one_session(number, args, deadline, cookies)))
        if args.ramp:
            await asyncio.sleep(args.ramp / args.sessions)
    results = await asyncio.gather(*tasks)
    runs = [r for s in results for r in s.runs]
    errors = [e for s in results for e in s.errors]
    return {
        "url": args.url,
        "sessions": args.sessions,
        "sessions_without_error": sum(not s.errors for s in results),
        "seconds": round(time.monotonic() - started, 1),
        "page_runs": len(runs),
        "errors": len(errors),
        "error_samples": errors[:10],
        "p50_s": round(statistics.median(runs), 3) if runs else None,
        "p95_s": round(percentile(runs, 0.95), 3) if runs else None,
        "max_s": round(max(runs), 3) if runs else None,
        "sessions_per_replica": dict(sorted(Counter(s.replica or "?" for s in results).items())),
    }


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="tools/serve/loadtest.py")
    parser.add_argument("url")
    parser.add_argument(
        "--view",
        action="append",
        required=True,
        help="a published view's query (sector=charter, category=...); repeat it; never an empty query, "
        "since a run without one keeps the session's filters as a browser does",
    )
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--ramp", type=float, default=10, help="seconds over which the sessions arrive")
    parser.add_argument("--think", type=float, default=5, help="seconds a session reads a page before the next click")
    parser.add_argument("--timeout", type=float, default=120, help="seconds one page run may take before it fails")
    parser.add_argument("--cookie-secret", help="the [auth] cookie_secret, to sign every session in")
    parser.add_argument("--email", help="the account every session signs in as (a funder's)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    report = asyncio.run(load(parse(sys.argv[1:] if argv is None else argv)))
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
