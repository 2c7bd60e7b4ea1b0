"""A real `streamlit run dashboard.py` on a free loopback port, driven by Debian's chromium.

One server and one browser for the whole session keep the suite fast. The
warehouse is a temporary copy loaded from the sample exports; the server gets
it through ANALYTICS_DB. Missing chromium is a failure (`make browser`
installs it), never a skip.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from app_support import ROOT
from security_support import Server as DashboardServer

from analytics.bench.browser import CHROMIUM_ARGS

ARTIFACTS = ROOT / "test-artifacts" / "screenshots"


def pytest_collection_modifyitems(items):
    for item in items:
        if "browser" in item.nodeid.split("::")[0]:
            item.add_marker(pytest.mark.browser)


@dataclass(frozen=True)
class Server:
    url: str
    warehouse: Path
    log: Path
    course_term: str  # a course of the sample, for an upload of new registrations
    course_code: str


@pytest.fixture(scope="session")
def server(tmp_path_factory, sample_copy) -> Server:
    """The dashboard served from a temporary warehouse loaded with the sample exports."""
    folder = tmp_path_factory.mktemp("browser")
    db = sample_copy(folder)
    con = duckdb.connect(str(db), read_only=True)
    try:  # read before the server opens the file: DuckDB lets one process hold it
        term, code = con.execute(
            "select term, course_code from courses where course_code is not null order by term_order desc, course_code"
        ).fetchone()
    finally:
        con.close()
    served = DashboardServer(db, folder / "streamlit.log")
    try:
        yield Server(served.url, db, served.log, term, code)
    finally:
        served.stop()
        # keep the server's log beside the screenshots: a page error's traceback is only there
        ARTIFACTS.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(served.log, ARTIFACTS.parent / "streamlit-server.log")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's chromium: Playwright's own browser download cannot work on this machine."""
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        pytest.fail("Debian's chromium is not installed: run `make browser` (apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": chromium, "args": CHROMIUM_ARGS, "headless": True}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1440, "height": 1000}, "accept_downloads": True}


@pytest.fixture(scope="session")
def screenshots() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
