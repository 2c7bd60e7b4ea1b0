"""What the AppTest and browser tests share: the sample warehouse and running the real frame.

AppTest always runs ``dashboard.py`` (never a page file alone) so the shared
sidebar is present; ``open_page`` switches page the way the navigation does.

AppTest re-detects the ``pages/`` folder on every run and would start each run
in Streamlit's folder navigation, which runs a page without the frame (the app
then reruns itself through the frame, see ui.navigation.ensure_frame, but a
button click is lost in that rerun). The live server leaves the folder
navigation after its first run; ``follow_navigation_in_apptest`` makes AppTest
do the same (ui/folder_navigation.py holds the why).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
from streamlit.testing.v1 import AppTest

from analytics import disclosure, ingest, warehouse
from ui import components
from ui.folder_navigation import follow_navigation_in_apptest
from ui.navigation import BY_URL

follow_navigation_in_apptest()

ROOT = Path(__file__).resolve().parent.parent
FRAME = ROOT / "dashboard.py"
ACCEPTANCE_EXPORTS = ROOT / "tests" / "fixtures" / "acceptance" / "exports"


def sample_files() -> list[Path]:
    """The sample exports of data/sample (the acceptance exports until they exist)."""
    sample = ROOT / "data" / "sample"
    files = sorted([*sample.glob("*.csv"), *sample.glob("*.xlsx")])
    return files or sorted(ACCEPTANCE_EXPORTS.glob("*.csv"))


def build_warehouse(path: Path, files: list[Path] | None = None) -> Path:
    """A warehouse file at ``path`` loaded with ``files`` (the sample by default); closed when returned."""
    con = warehouse.connect(path)
    try:
        ingest.ingest_files(con, files if files is not None else sample_files())
    finally:
        con.close()
    return path


@contextmanager
def latest_release_of(path: Path) -> Iterator[tuple[duckdb.DuckDBPyConnection, disclosure.Release]]:
    """``with latest_release_of(path) as (con, release)``: the warehouse at ``path`` open, with its latest
    release, for a module's fixture to read what it compares with; the file is closed after."""
    con = warehouse.connect(path)
    try:
        release = disclosure.latest_release(con)
        assert release is not None, f"{path.name} holds no release"
        yield con, release
    finally:
        con.close()


def run_app(query: dict[str, list[str] | str] | None = None, timeout: float = 90) -> AppTest:
    """The dashboard frame run once, with ``query`` as the address's query parameters."""
    at = AppTest.from_file(str(FRAME), default_timeout=timeout)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def open_numbers(at: AppTest, *, required: bool = True) -> AppTest:
    """Open every chart's "numbers behind this chart" (drawn only once opened) as a user's click would, and
    run again. ``required``: AssertionError when the page has none, so that a check of the tables cannot pass
    on no table (False for a loop over pages some of which draw no chart)."""
    keys = [key for key in (_widget_key(e.proto.id) for e in at.expander) if key.startswith(components.NUMBERS_KEY)]
    if not keys:
        assert not required, "no chart on this page has its numbers to open"
        return at
    for key in keys:
        at.session_state[key] = True
    return at.run()


def _widget_key(element_id: str) -> str:
    # an element id with a user key is "$$ID-<hash>-<key>"
    return element_id.split("-", 2)[2] if element_id.startswith("$$ID-") else ""


def open_page(at: AppTest, url_path: str) -> AppTest:
    """Go to a page by its address, through the frame's navigation."""
    return at.switch_page(BY_URL[url_path].script).run()


def errors(at: AppTest) -> list[str]:
    """Every exception and error box shown, as text (empty when the page is healthy)."""
    return [str(e.value) for e in at.exception] + [str(e.value) for e in at.error]
