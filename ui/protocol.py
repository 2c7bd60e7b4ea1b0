"""Streamlit's own session protocol, spoken as a browser tab does: for the server's warm-up and the load test.

A tab GETs the page (which, behind HAProxy, gives it the affinity cookie naming its replica) and
``/_stcore/health`` on that replica (which sets Streamlit's XSRF cookie), then opens a websocket to
``/_stcore/stream`` carrying those cookies, an ``Origin`` header and the XSRF token as its second
subprotocol (Streamlit reads the sign-in cookie only from a websocket that passes this check), and
sends "run this page with this query string" messages, one at a time, each answered by the run's
elements and then "script finished".
"""

from __future__ import annotations

import asyncio
import urllib.request
from http.cookies import SimpleCookie

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

XSRF_COOKIE = "_streamlit_xsrf"


def cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def get_cookies(url: str, cookies: dict[str, str]) -> dict[str, str]:
    """GET ``url`` with ``cookies``; the cookies afterwards (those it sets added or replaced)."""
    request = urllib.request.Request(url, headers={"Cookie": cookie_header(cookies)})
    with urllib.request.urlopen(request, timeout=60) as response:
        found = dict(cookies)
        for header in response.headers.get_all("Set-Cookie") or []:
            found |= {name: morsel.value for name, morsel in SimpleCookie(header).items()}
        return found


def browser_cookies(base: str, cookies: dict[str, str]) -> dict[str, str]:
    """The page first (a load balancer's affinity cookie), then the health check on that replica (XSRF)."""
    return get_cookies(f"{base}/_stcore/health", get_cookies(f"{base}/", cookies))


def connect(base: str, jar: dict[str, str]):
    """The session's websocket (an async context manager), opened as a tab with cookies ``jar`` opens it."""
    return websockets.connect(
        # No client keepalive pings: a browser tab sends none, and a busy server answering one late
        # is slow, not broken; a page run that takes longer than its timeout is the error that counts.
        base.replace("http", "ws", 1) + "/_stcore/stream",
        subprotocols=["streamlit", jar[XSRF_COOKIE]] if XSRF_COOKIE in jar else ["streamlit"],
        additional_headers={"Cookie": cookie_header(jar)},
        origin=base,
        max_size=None,
        open_timeout=60,
        ping_interval=None,
    )


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
