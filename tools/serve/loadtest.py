"""Load test: N real websocket sessions through a load balancer, each a funder clicking through pages.

Run by ``python -m analytics loadtest URL --sessions N --seconds S`` in a child process
(the analytics package never imports streamlit; this speaks Streamlit's own protocol):
it prints one JSON object with the errors, the page-run times and the sessions per replica.

Each session does what a browser tab does: a GET of the page (which gives it HAProxy's
affinity cookie, naming its replica), a GET of ``/_stcore/health`` on that replica (which
sets Streamlit's XSRF cookie), then a websocket to ``/_stcore/stream`` carrying those
cookies, an ``Origin`` header and the XSRF token as its second subprotocol (Streamlit
reads the sign-in cookie only from a websocket that passes this check, as a browser's
does), then "run this page with this query string" messages, one after another, each
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
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

# run as a script: the repository root (above tools/) on the path, as for tools/serve/figures.py
sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from tools.serve.signin import COOKIE, user_cookie

FUNDER_PAGES = ("overview", "growth", "returning", "pipeline", "exchange")
AFFINITY_COOKIE = "SERVEID"
XSRF_COOKIE = "_streamlit_xsrf"


@dataclass
class SessionResult:
    replica: str | None = None
    runs: list[float] = field(default_factory=list)  # seconds per page run
    errors: list[str] = field(default_factory=list)


def _cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def _get_cookies(url: str, cookies: dict[str, str]) -> dict[str, str]:
    """GET ``url`` with ``cookies``; the cookies afterwards (those it sets added or replaced)."""
    request = urllib.request.Request(url, headers={"Cookie": _cookie_header(cookies)})
    with urllib.request.urlopen(request, timeout=60) as response:
        found = dict(cookies)
        for header in response.headers.get_all("Set-Cookie") or []:
            found |= {name: morsel.value for name, morsel in SimpleCookie(header).items()}
        return found


def _browser_cookies(base: str, cookies: dict[str, str]) -> dict[str, str]:
    """The page first (the load balancer's affinity cookie), then the health check on that replica (XSRF)."""
    return _get_cookies(f"{base}/_stcore/health", _get_cookies(f"{base}/", cookies))


def rerun_request(page: str, query: str) -> bytes:
    """The message a browser tab sends to run ``page`` with ``query`` in its session."""
    request = BackMsg()
    request.rerun_script.page_name = page
    request.rerun_script.query_string = query
    return request.SerializeToString()


async def next_message(ws, timeout: float) -> ForwardMsg:
    message = ForwardMsg()
    message.ParseFromString(await asyncio.wait_for(ws.recv(), timeout))
    return message


def shown_error(page: str, query: str, element) -> str | None:
    """What a new element of a run shows as an error (an exception, an error box), or None."""
    name = element.WhichOneof("type")
    if name == "exception":
        return f"{page}?{query}: exception {element.exception.message}"
    if name == "alert" and element.alert.format == element.alert.ERROR:
        return f"{page}?{query}: error box {element.alert.body[:200]}"
    return None


async def run_page(ws, page: str, query: str, timeout: float) -> tuple[list[str], int]:
    """One page run in this session; the errors it showed (exceptions, error boxes) and the charts it drew."""
    await ws.send(rerun_request(page, query))
    errors, charts = [], 0
    while True:
        message = await next_message(ws, timeout)
        kind = message.WhichOneof("type")
        if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            charts += element.WhichOneof("type") == "plotly_chart"
            if error := shown_error(page, query, element):
                errors.append(error)
        elif kind == "script_finished":
            if message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                return errors, charts
            if message.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                return [*errors, f"{page}?{query}: compile error"], charts
            errors, charts = [], 0  # the frame asked for a rerun: only the last run counts


async def one_session(number: int, args, deadline: float, cookies: dict[str, str]) -> SessionResult:
    result = SessionResult()
    base = args.url.rstrip("/")
    try:
        jar = await asyncio.to_thread(_browser_cookies, base, cookies)
        result.replica = jar.get(AFFINITY_COOKIE)
        header = {"Cookie": _cookie_header(jar)}
        stream = base.replace("http", "ws", 1) + "/_stcore/stream"
        async with websockets.connect(
            # No client keepalive pings: a browser tab sends none, and a busy server answering one late
            # is slow, not broken; a page run that takes longer than --timeout is the error that counts.
            stream,
            subprotocols=["streamlit", jar[XSRF_COOKIE]] if XSRF_COOKIE in jar else ["streamlit"],
            additional_headers=header,
            origin=base,
            max_size=None,
            open_timeout=60,
            ping_interval=None,
        ) as ws:
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
