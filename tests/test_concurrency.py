"""Load: 20 sessions changing filters against one `streamlit run` server while an import runs in it.

Each session is a real websocket client speaking Streamlit's own protocol (the
messages a browser tab sends: "run this page with this query string"), so the
server does exactly what it does for tabs: one script thread per session, one
DuckDB connection for the process, a cursor per query. The import is a real
upload through the Data page in Debian's chromium, in the same server process.

Every number a session is shown (metrics, tables, chart data, captions) must
equal what a fresh server shows for the same page and filters, serially,
either before the import or after it; no session may see an error.
"""

from __future__ import annotations

import asyncio
import hashlib
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import websockets
from builders import registrations_export
from security_support import Server
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from analytics.bench.browser import CHROMIUM_ARGS
from ui.protocol import next_message, rerun_request, shown_error

SESSIONS = 20
ROUNDS = 4  # page runs per session at least; more while the import is still running
MAX_ROUNDS = 40
PAGES = ("overview", "growth", "returning", "pipeline", "exchange")
# Never an empty query: a run without one keeps the session's filters (a page change), as in a browser.
QUERIES = (
    "sector=charter",
    "sector=catholic&sector=independent",
    "category=culturally_proficient",
    "sector=district&term_from=Fall+2018",
)
# What a page shows from data; widgets and download links carry ids that differ per session.
CONTENT = {"metric", "dataframe", "table", "plotly_chart", "markdown", "heading", "text", "alert", "exception", "json"}


@dataclass
class PageRun:
    """What one run of one page showed: element fingerprints by position, and any errors."""

    elements: dict[tuple, str] = field(default_factory=dict)
    samples: dict[tuple, str] = field(default_factory=dict)  # a readable excerpt of each, for failure messages
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    started: float = 0.0


def _fingerprint(element) -> tuple[str, str]:
    kind = element.WhichOneof("type")
    inner = getattr(element, kind)
    if kind == "plotly_chart":
        inner = inner.spec  # the chart's data and layout, without the widget id
    elif kind == "dataframe":
        inner = inner.arrow_data.data
    else:
        inner = inner.SerializeToString(deterministic=True)
    payload = inner if isinstance(inner, bytes) else str(inner).encode()
    return kind, hashlib.sha256(payload).hexdigest()


async def run_page(ws, page: str, query: str, timeout: float = 120) -> PageRun:
    """Ask the server to run ``page`` with ``query`` in this session; collect what it shows until the run ends."""
    started = time.monotonic()
    await ws.send(rerun_request(page, query))
    result = PageRun(started=started)
    while True:
        message = await next_message(ws, timeout)
        kind = message.WhichOneof("type")
        if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            name, digest = _fingerprint(element)
            path = tuple(message.metadata.delta_path)
            if error := shown_error(page, query, element):
                result.errors.append(error)
            if name in CONTENT:
                result.elements[path] = f"{name}:{digest}"
                result.samples[path] = str(getattr(element, name))[:300]
            else:
                result.elements.pop(path, None)
        elif kind == "script_finished":
            if message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                break
            if message.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                result.errors.append(f"{page}?{query}: compile error")
                break
            result.elements.clear()  # the frame asked for a rerun: only the last run's elements count
    result.seconds = time.monotonic() - started
    return result


def _connect(url: str):
    return websockets.connect(
        url.replace("http", "ws") + "/_stcore/stream", subprotocols=["streamlit"], max_size=None, open_timeout=60
    )


async def serial_reference(url: str) -> dict[tuple[str, str], PageRun]:
    """Every (page, query) run one after another in one session."""
    out = {}
    async with _connect(url) as ws:
        for page in PAGES:
            for query in QUERIES:
                out[(page, query)] = await run_page(ws, page, query)
    return out


async def one_session(url: str, number: int, imported: threading.Event) -> list[tuple[str, str, PageRun]]:
    """A person clicking through pages and changing filters, in one session, until after the import."""
    runs = []
    after_import = 0
    async with _connect(url) as ws:
        for step in range(MAX_ROUNDS):
            page = PAGES[(number + step) % len(PAGES)]
            query = QUERIES[(number * 3 + step) % len(QUERIES)]
            runs.append((page, query, await run_page(ws, page, query)))
            after_import += imported.is_set()
            if step + 1 >= ROUNDS and after_import >= 2:
                break
    return runs


def run_async(coroutine):
    """``asyncio.run`` in a thread of its own: pytest-playwright's sync API may hold an event loop in this one."""
    outcome: dict = {}

    def target() -> None:
        try:
            outcome["value"] = asyncio.run(coroutine)
        except BaseException as exc:  # handed back to the test below
            outcome["error"] = exc

    worker = threading.Thread(target=target)
    worker.start()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


async def many_sessions(url: str, imported: threading.Event) -> list:
    return await asyncio.gather(*(one_session(url, n, imported) for n in range(SESSIONS)), return_exceptions=True)


def _registrations(folder: Path, rows: int = 3000) -> Path:
    return registrations_export(folder / "late_registrations.csv", rows)


def _import_in_browser(url: str, upload: Path, done: dict, imported: threading.Event) -> None:
    """Upload and import ``upload`` on the Data page of the running server, as a coordinator would."""
    from playwright.sync_api import expect, sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    try:
        with sync_playwright() as play:
            browser = play.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
            page = browser.new_page()
            page.goto(f"{url}/data", timeout=120_000)
            page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(upload))
            page.get_by_role("button", name="Import 1 file").click(timeout=120_000)
            done["clicked"] = time.monotonic()
            expect(page.get_by_text("Imported. Every page now shows the new data.")).to_be_visible(timeout=120_000)
            done["finished"] = time.monotonic()
            browser.close()
    except Exception as exc:  # reported by the test's own assertion, with the reason
        done["error"] = repr(exc)
    finally:
        imported.set()


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.load
def test_twenty_sessions_during_an_import_see_exact_numbers_and_no_errors(acceptance_db, tmp_path, capsys):
    db = acceptance_db
    upload = _registrations(tmp_path)

    server = Server(db, tmp_path / "before.log")
    try:
        before = run_async(serial_reference(server.url))
        done: dict = {}
        imported = threading.Event()
        importer = threading.Thread(target=_import_in_browser, args=(server.url, upload, done, imported))
        importer.start()
        started = time.monotonic()
        results = run_async(many_sessions(server.url, imported))
        sessions_seconds = time.monotonic() - started
        importer.join(timeout=300)
    finally:
        server.stop()
    assert "error" not in done and "finished" in done, done.get("error", "the import never finished")

    fresh = Server(db, tmp_path / "after.log")  # a new process: nothing cached from the concurrent phase
    try:
        after = run_async(serial_reference(fresh.url))
    finally:
        fresh.stop()

    for reference in (before, after):
        assert all(not run.errors for run in reference.values()), [run.errors for run in reference.values()]
    assert before != after  # the import changed what pages show
    failures = [r for r in results if isinstance(r, BaseException)]
    assert not failures, failures
    runs = [run for session in results for run in session]
    assert len(runs) >= SESSIONS * ROUNDS
    errors = [e for _, _, run in runs for e in run.errors]
    assert errors == []
    mismatches = []
    for page, query, run in runs:
        old, new = before[(page, query)].elements, after[(page, query)].elements
        assert run.elements, f"{page}?{query} showed nothing"
        for path, shown in run.elements.items():
            if shown not in (old.get(path), new.get(path)):
                mismatches.append(
                    f"{page}?{query} element {path}: shown {run.samples[path]!r}; before "
                    f"{before[(page, query)].samples.get(path)!r}; after {after[(page, query)].samples.get(path)!r}"
                )
    assert mismatches == [], "\n".join(mismatches[:5])
    changed = [(p, q, run) for p, q, run in runs if before[(p, q)].elements != after[(p, q)].elements]
    seen_new = sum(run.elements == after[(p, q)].elements for p, q, run in changed)
    assert seen_new > 0  # sessions kept going until they saw the import
    during = sum(done["clicked"] <= run.started + run.seconds and run.started <= done["finished"] for *_, run in runs)
    slowest = max(run.seconds for _, _, run in runs)
    with capsys.disabled():
        print(
            f"\n[load] {SESSIONS} sessions, {len(runs)} page runs in {sessions_seconds:.1f}s, {during} of them while "
            f"a {upload.stat().st_size / 1e3:.0f} kB import ran through the Data page "
            f"({done['finished'] - done['clicked']:.1f}s): 0 errors, 0 numbers differing from a serial run; "
            f"{seen_new} of {len(changed)} runs of changed pages showed the new data; slowest run {slowest:.1f}s"
        )
