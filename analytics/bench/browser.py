"""Time to the Overview's first chart in a real browser: ``streamlit run`` plus headless chromium (playwright).

A fresh server is started on the warehouse, then a new browser page opens the
dashboard and the clock stops when the first plotly chart has drawn its plot
area. The first open of a fresh server pays for loading and caching the
tables; a second browser session is timed too (the cached case).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from analytics.errors import AnalyticsError
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


def free_port() -> int:
    """A free TCP port on 127.0.0.1 (the browser tests and the benchmark start servers on it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def dashboard_command(port: int, *args: str) -> list[str]:
    """``streamlit run dashboard.py`` on 127.0.0.1:``port``, headless, without usage statistics."""
    command = [sys.executable, "-m", "streamlit", "run", str(REPO_ROOT / "dashboard.py")]
    command += ["--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true"]
    return [*command, "--browser.gatherUsageStats", "false", *args]


def wait_healthy(url: str, process: subprocess.Popen, timeout: float = 60, log: Path | None = None) -> None:
    """Until the server at ``url`` answers its health check; RuntimeError (with the log's tail) when it exits or
    stays silent for ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode} before serving{_tail(log)}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
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


def first_chart_seconds(warehouse_path: Path, *, sessions: int = 2) -> list[float]:
    """Seconds from opening the dashboard to the Overview's first drawn chart, one figure per browser session."""
    require()
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright  # a test tool: imported only when the browser is measured

    try:
        return _measure(warehouse_path, sessions, sync_playwright)
    except PlaywrightError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise AnalyticsError(f"the browser figure failed ({first}); run with --no-browser to skip it") from None


def _measure(warehouse_path: Path, sessions: int, sync_playwright) -> list[float]:
    port = free_port()
    env = {**os.environ, "ANALYTICS_DB": str(warehouse_path)}
    server = subprocess.Popen(dashboard_command(port), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = []
    try:
        wait_healthy(f"http://127.0.0.1:{port}", server)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for _ in range(sessions):
                    page = browser.new_context().new_page()
                    started = time.perf_counter()
                    page.goto(f"http://127.0.0.1:{port}/")
                    page.wait_for_selector(FIRST_CHART, state="visible", timeout=120_000)
                    seconds.append(time.perf_counter() - started)
                    page.context.close()
            finally:
                browser.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
    return seconds
