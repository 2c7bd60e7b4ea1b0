"""Time to the Overview's first chart in a real browser: the dashboard's server plus headless chromium (playwright).

A fresh server is started on the warehouse as ``make run`` starts it (``ui/launch.py``, which
runs the Overview once by itself before its first visitor), and, once it says it is warm, a new
browser page opens the dashboard; the clock stops when the first plotly chart has drawn its plot
area. A second browser session is timed too. Then another fresh server is opened as soon as it
answers its health check, while it is still warming up: what a visitor racing the start-up gets.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from analytics.errors import AnalyticsError
from analytics.serve.probe import free_port, healthy
from analytics.warehouse import REPO_ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
FIRST_CHART = "[data-testid='stPlotlyChart'] .main-svg"
WARM_LINE = "dashboard warm"  # what ui/launch.py logs once warm (its READY; the package never imports ui/)


def dashboard_command(port: int, *args: str) -> list[str]:
    """The dashboard's server (``streamlit run dashboard.py``, warmed up: ``ui/launch.py``) on 127.0.0.1:``port``,
    headless, without usage statistics; to be run from the repository's root (``REPO_ROOT``)."""
    command = [sys.executable, "-m", "ui.launch"]
    command += ["--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true"]
    return [*command, "--browser.gatherUsageStats", "false", *args]


def wait_healthy(url: str, process: subprocess.Popen, timeout: float = 60, log: Path | None = None) -> None:
    """Until the server at ``url`` answers its health check; RuntimeError (with the log's tail) when it exits or
    stays silent for ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode} before serving{_tail(log)}")
        if healthy(url):
            return
        time.sleep(0.2)
    raise RuntimeError(f"streamlit did not answer within {timeout:.0f}s{_tail(log)}")


def _tail(log: Path | None) -> str:
    return f":\n{log.read_text(errors='replace')[-3000:]}" if log else ""


def missing_parts() -> list[str]:
    """What the browser figure needs and this machine lacks, each with how to get it (empty when ready).

    Playwright is a test tool (requirements-dev.txt), not part of `make setup`; chromium is Debian's."""
    missing = []
    try:  # the import itself, not a look-up: a broken install fails here too, not minutes later
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the Python package playwright (`make setup-dev`, which installs requirements-dev.lock)")
    if not os.access(CHROMIUM, os.X_OK):
        missing.append(f"Debian's chromium at {CHROMIUM} (`make browser`)")
    return missing


def require() -> None:
    """AnalyticsError (a message, no traceback) naming what to install when the browser figure cannot run."""
    if missing := missing_parts():
        raise AnalyticsError("the browser figure needs " + " and ".join(missing) + "; or run with --no-browser")


def wait_warm(log: Path, process: subprocess.Popen, timeout: float = 300) -> None:
    """Until the server writing ``log`` says its warm-up is over (``ui/launch.py``); RuntimeError when it exits,
    says the warm-up failed, or stays silent for ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = log.read_text(errors="replace")
        if WARM_LINE in text:
            return
        if "warm-up" in text:
            raise RuntimeError(f"the dashboard's warm-up did not finish{_tail(log)}")
        if process.poll() is not None:
            raise RuntimeError(f"the dashboard exited with {process.returncode} while warming up{_tail(log)}")
        time.sleep(0.1)
    raise RuntimeError(f"the dashboard did not say it was warm within {timeout:.0f}s{_tail(log)}")


def first_chart(warehouse_path: Path) -> dict:
    """Seconds from opening the dashboard to the Overview's first drawn chart: ``browser_first_chart_s`` (a warm
    fresh server, then a second session), ``browser_ready_s`` (from starting it until it was warm) and
    ``browser_cold_first_chart_s`` (another fresh server, opened as soon as it answered its health check)."""
    require()
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright  # a test tool: imported only when the browser is measured

    try:
        warm, ready_s = _in_own_thread(_measure, warehouse_path, 2, sync_playwright, warm=True)
        cold, _ = _in_own_thread(_measure, warehouse_path, 1, sync_playwright, warm=False)
    except PlaywrightError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise AnalyticsError(f"the browser figure failed ({first}); run with --no-browser to skip it") from None
    return {"browser_first_chart_s": warm, "browser_ready_s": ready_s, "browser_cold_first_chart_s": cold}


def _in_own_thread(function, *args, **kwargs):
    """``function(*args, **kwargs)`` in a thread of its own, its exception raised here: playwright's sync API
    refuses a thread whose asyncio loop runs (a caller inside a test session or a notebook has one)."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="browser-figure") as worker:
        return worker.submit(function, *args, **kwargs).result()


def _measure(warehouse_path: Path, sessions: int, sync_playwright, *, warm: bool) -> tuple[list[float], float]:
    port = free_port()
    env = {**os.environ, "ANALYTICS_DB": str(warehouse_path)}
    seconds = []
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "server.log"
        with log.open("w") as out:
            launched = time.perf_counter()
            server = subprocess.Popen(dashboard_command(port), cwd=REPO_ROOT, env=env, stdout=out, stderr=out)
        try:
            wait_healthy(f"http://127.0.0.1:{port}", server, log=log)
            if warm:
                wait_warm(log, server)
            ready_s = time.perf_counter() - launched
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                try:
                    for _ in range(sessions):
                        page = browser.new_context().new_page()
                        started = time.perf_counter()
                        page.goto(f"http://127.0.0.1:{port}/")
                        page.wait_for_selector(FIRST_CHART, state="visible", timeout=120_000)
                        seconds.append(round(time.perf_counter() - started, 2))
                        page.context.close()
                finally:
                    browser.close()
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
    return seconds, round(ready_s, 2)
