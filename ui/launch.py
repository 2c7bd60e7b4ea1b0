"""``python -m ui.launch [streamlit options]``: ``streamlit run dashboard.py``, warmed before its first visitor.

A fresh server's first page run pays for everything a process does once: importing pandas,
plotly and pyarrow, opening the warehouse, reading the marts into DuckDB's buffers, computing
the Overview's tables into the shared cache. Whoever opens the dashboard first would wait for
all of it (about a second at 1,000,000 enrollments). So, once the server answers its health
check, this process opens one session to itself over Streamlit's own protocol (``ui/protocol.py``)
and runs the Overview, as a browser tab would; then it logs one line saying the dashboard is
warm. A visitor who arrives during the warm-up waits only for what is left of it (Streamlit
computes a cached value once, and other callers wait for it). The warm-up session sees what an
anonymous visitor sees: with sign-in configured, only the sign-in page, so then it warms the
imports and nothing else. It never stops the server: a failure is logged in one line.
``ANALYTICS_WARM_UP=off`` starts the server without it (the first visitor pays the cold start).
"""

from __future__ import annotations

import asyncio
import os
import sys
import threading
import time
from pathlib import Path

DASHBOARD = Path(__file__).resolve().parent.parent / "dashboard.py"
READY = "dashboard warm"  # the log line the warm-up writes when done (the benchmark waits for it)
WARM_TIMEOUT = 300.0  # seconds for the server to come up and the Overview to run


def _local_base() -> str:
    """This server's address as seen from this machine (a wildcard address is reached on loopback)."""
    from streamlit import config

    address = config.get_option("server.address") or "127.0.0.1"
    if address in ("0.0.0.0", "::"):
        address = "127.0.0.1"
    elif ":" in address:
        address = f"[{address}]"
    path = (config.get_option("server.baseUrlPath") or "").strip("/")
    return f"http://{address}:{config.get_option('server.port')}" + (f"/{path}" if path else "")


async def _open_overview(base: str, timeout: float) -> tuple[list[str], int]:
    from ui.protocol import browser_cookies, connect, run_page

    jar = await asyncio.to_thread(browser_cookies, base, {})
    async with connect(base, jar) as ws:
        return await run_page(ws, "", "", timeout)  # "" : the default page, as a new tab opens it


def warm(deadline: float) -> str:
    """Wait for this process's server, run the Overview once in a session of its own; what happened, in words."""
    from streamlit.runtime import Runtime

    from analytics.serve.probe import healthy

    while not Runtime.exists() or not healthy(base := _local_base()):
        if time.monotonic() > deadline:
            return "warm-up skipped: the server did not answer its health check"
        time.sleep(0.1)
    started = time.monotonic()
    errors, charts = asyncio.run(_open_overview(base, max(1.0, deadline - started)))
    took = time.monotonic() - started
    if errors:
        return f"warm-up: the first page showed an error after {took:.1f}s: {errors[0]}"
    return f"{READY}: the first page ran in {took:.1f}s ({charts} charts)"


def _warm_in_background() -> None:
    try:
        said = warm(time.monotonic() + WARM_TIMEOUT)
    except Exception as exc:  # never the server's problem: the first visitor just pays the cold start
        said = f"warm-up failed ({type(exc).__name__}: {str(exc)[:200]}); the first visitor pays the cold start"
    print(said, file=sys.stderr, flush=True)


def main(argv: list[str]) -> None:
    from streamlit.web import cli

    if os.environ.get("ANALYTICS_WARM_UP", "on") != "off":
        threading.Thread(target=_warm_in_background, name="dashboard-warm-up", daemon=True).start()
    sys.argv = ["streamlit", "run", str(DASHBOARD), *argv]
    cli.main()


if __name__ == "__main__":
    main(sys.argv[1:])
