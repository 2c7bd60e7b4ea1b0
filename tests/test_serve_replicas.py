"""`make serve` with 3 replicas behind HAProxy, in Debian's chromium: spread, affinity, failover, publish.

One test, in the order a real afternoon goes: funders open the dashboard through
HAProxy (signed in with the cookie Streamlit's sign-in sets, valid on every replica
because they read one secrets file); their sessions are spread over the replicas and
each keeps its own; one replica is SIGKILLed mid-test, its sessions reconnect to
another and show the same numbers, and the supervisor starts it again; then an import
and a real `publish` run while every session keeps clicking, and each session's next
run shows the new data. No session ever shows an error. Stopping `make serve`
(SIGTERM) leaves no replica or HAProxy behind.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from builders import registrations_export
from playwright.sync_api import Page, sync_playwright
from security_support import ROOT, acceptance_files, loaded_warehouse

from analytics.bench.browser import CHROMIUM_ARGS
from analytics.serve import snapshots
from analytics.serve.probe import free_port, healthy
from tools.serve.signin import user_cookie, write_secrets

pytestmark = [pytest.mark.serve, pytest.mark.browser, pytest.mark.slow]

COOKIE_SECRET = "a-test-secret-shared-by-every-replica"
FUNDER = "program.officer@examplefoundation.org"
SESSIONS = 6
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
NUMBERS = '[data-testid="stMain"] [data-testid="stMetric"], [data-testid="stMain"] [data-testid="stMarkdownContainer"]'
ERRORS = '[data-testid="stException"], [data-testid="stAlertContentError"]'


def late_registrations(folder: Path, rows: int = 300) -> Path:
    """New Spring 2020 registrations (the latest term): the overview's headline numbers change."""
    return registrations_export(
        folder / "late_spring_2020.csv",
        rows,
        term="Spring 2020",
        course_stem="BEC-20S",
        courses=3,
        schools=7,
        registered_at="2020-01-27 10:00:00",
    )


def funder_cookie(origin: str) -> dict:
    return user_cookie(COOKIE_SECRET, FUNDER, origin)


def alive(pid: int) -> bool:
    """Running (a zombie waiting for its parent to collect it has stopped running)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"{what}: not within {seconds:.0f} s"
        time.sleep(0.3)


def wait_idle(page: Page, timeout: float = 120_000) -> None:
    page.wait_for_timeout(200)
    for _ in range(20):
        page.wait_for_selector(IDLE, timeout=timeout)
        page.wait_for_timeout(300)
        if page.locator(IDLE).count():
            return


def shown(page: Page) -> list[str]:
    """The numbers and sentences the page shows (headline cards, text): what a funder reads."""
    page.wait_for_selector('[data-testid="stMain"] [data-testid="stMetric"]', timeout=120_000)
    wait_idle(page)  # every element of the run drawn, not only the first cards
    return page.locator(NUMBERS).all_inner_texts()


def rerun(page: Page, title: str) -> None:
    """A click in the sidebar's navigation: a run of that page in the same session (no new HTTP request)."""
    page.locator('[data-testid="stSidebarNav"]').get_by_text(title, exact=True).click()
    wait_idle(page)


def errors_in(page: Page, where: str) -> list[str]:
    return [f"{where}: {text[:300]}" for text in page.locator(ERRORS).all_inner_texts()]


def affinity(page: Page) -> str:
    return next(c["value"] for c in page.context.cookies() if c["name"] == "SERVEID")


@pytest.fixture
def served(tmp_path):
    db = tmp_path / "warehouse.duckdb"
    loaded_warehouse(db, acceptance_files()).close()
    first = subprocess.run(  # funders see releases: a first one before anyone opens the dashboard
        [sys.executable, "-m", "analytics", "publish", "--db", str(db), "--quiet"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert first.returncode == 0, first.stderr
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    secrets = write_secrets(tmp_path / "secrets.toml", origin, COOKIE_SECRET)
    log = tmp_path / "make-serve.log"
    command = ["make", "--no-print-directory", "serve", f"DB={db}", "REPLICAS=3", f"PORT={port}", f"SECRETS={secrets}"]
    with log.open("w") as out:
        make = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    state_file = Path(f"{db}.serve.json")
    try:
        wait_for(lambda: make.poll() is None and state_file.exists() and healthy(origin), 180, log.read_text())
        yield db, origin, state_file, make, tmp_path
    finally:
        if make.poll() is None:
            os.killpg(make.pid, signal.SIGTERM)
            make.wait(timeout=60)


def step(text: str) -> None:
    """Progress on stderr (seen with -s): where a slow run on a busy machine spends its time."""
    print(f"[serve {time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


@pytest.mark.timeout(1800)  # a real publish takes minutes on a busy 2-core machine
def test_three_replicas_spread_keep_fail_over_and_serve_a_publish_without_errors(served):
    # Playwright's sync API refuses to start where another sync Playwright is alive (the browser
    # tests' session fixture, in the same serial run): the scenario runs in a thread of its own.
    failures: list[BaseException] = []

    def scenario() -> None:
        try:
            _spread_keep_fail_over_and_publish(served)
        except BaseException as exc:  # re-raised in the test's own thread below
            failures.append(exc)

    worker = threading.Thread(target=scenario, name="serve-scenario")
    worker.start()
    worker.join()
    if failures:
        raise failures[0]


def _spread_keep_fail_over_and_publish(served) -> None:
    db, origin, state_file, make, folder = served
    state = json.loads(state_file.read_text())
    assert sorted(state["replicas"]) == ["r1", "r2", "r3"]
    errors: list[str] = []
    with sync_playwright() as play:
        browser = play.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS, headless=True)
        pages, replicas = [], []
        for _ in range(SESSIONS):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.add_cookies([funder_cookie(origin)])
            page = context.new_page()
            response = page.goto(f"{origin}/")
            wait_idle(page)
            replicas.append(response.headers["x-replica"])
            assert affinity(page) == replicas[-1]  # HAProxy's cookie names the replica that answered
            pages.append(page)
        step(f"{SESSIONS} sessions open on {replicas}")
        assert set(replicas) == {"r1", "r2", "r3"}, replicas  # spread over every replica
        before = [shown(page) for page in pages]
        differing = [(n, sorted(set(numbers) ^ set(before[0]))[:4]) for n, numbers in enumerate(before)]
        assert all(numbers == before[0] for numbers in before), differing  # one snapshot: the same numbers everywhere
        assert "Local mode" not in " ".join(before[0])  # signed in as a funder, not the local coordinator
        for n, page in enumerate(pages):
            assert page.reload().headers["x-replica"] == replicas[n]  # each keeps its replica
            wait_idle(page)
            errors += errors_in(page, f"session {n} after reload")

        # One replica dies mid-test: its sessions reconnect through HAProxy to another and show the same numbers.
        victim = replicas[0]
        victim_pid = state["replicas"][victim]["pid"]
        os.kill(victim_pid, signal.SIGKILL)
        step(f"killed {victim} (pid {victim_pid})")
        orphans = [n for n, name in enumerate(replicas) if name == victim]
        for n in orphans:
            page = pages[n]
            page.wait_for_timeout(2000)
            wait_idle(page)
            rerun(page, "Growth and reach")
            rerun(page, "Overview")
            assert shown(page) == before[0]
            errors += errors_in(page, f"session {n} after its replica died")
            # Its next page load: HAProxy's cookie names a live replica (another one, or the victim again if the
            # supervisor has already brought it back), and the session keeps it.
            moved = page.reload().headers["x-replica"]
            wait_idle(page)
            assert affinity(page) == moved
            assert page.reload().headers["x-replica"] == moved
            wait_idle(page)
            assert shown(page) == before[0]
        step(f"sessions {orphans} moved off {victim}")
        wait_for(
            lambda: json.loads(state_file.read_text())["replicas"][victim]["restarts"] == 1,
            60,
            "the supervisor restarting the killed replica",
        )
        restarted = json.loads(state_file.read_text())["replicas"][victim]
        assert restarted["pid"] != victim_pid and alive(restarted["pid"])
        wait_for(lambda: healthy(f"http://127.0.0.1:{restarted['port']}"), 90, "the restarted replica answering")

        # An import and a real publish while every session keeps clicking.
        first = snapshots.current(db).number
        writer = subprocess.Popen(
            [sys.executable, "-c", "import subprocess, sys\n"
             "for args in (['ingest', '--db', sys.argv[1], sys.argv[2]], ['publish', '--db', sys.argv[1], '--quiet']):\n"
             "    subprocess.run([sys.executable, '-m', 'analytics', *args], check=True)",
             str(db), str(late_registrations(folder))],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        step("import and publish started")
        clicks = 0
        while writer.poll() is None:
            for n, page in enumerate(pages):
                rerun(page, ("Growth and reach", "Overview", "Returning participants")[clicks % 3])
                errors += errors_in(page, f"session {n} during the publish")
            clicks += 1
        step(f"import and publish done after {clicks} rounds of clicks")
        output = writer.stdout.read()
        assert writer.returncode == 0, output
        assert snapshots.current(db).number == first + 2  # one snapshot for the import, one for the release
        assert clicks >= 1

        fresh = browser.new_context()
        fresh.add_cookies([funder_cookie(origin)])
        reference = fresh.new_page()
        reference.goto(f"{origin}/")
        wait_idle(reference)
        after = shown(reference)
        assert after != before[0]  # the import changed what the overview shows
        for n, page in enumerate(pages):
            rerun(page, "Overview")  # the session's next run
            assert shown(page) == after, f"session {n}"
            errors += errors_in(page, f"session {n} after the publish")
        browser.close()
    assert errors == []
    _load_test_through_haproxy(origin)

    # SIGTERM to make serve (as a service manager sends it): every child stops.
    state = json.loads(state_file.read_text())
    children = [state["haproxy"], *(r["pid"] for r in state["replicas"].values())]
    os.killpg(make.pid, signal.SIGTERM)
    make.wait(timeout=60)
    wait_for(lambda: not any(alive(pid) for pid in children), 30, "every replica and HAProxy stopping")
    assert not healthy(origin)


def _loadtest(origin: str, *extra: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "analytics", "loadtest", origin, "--sessions", str(SESSIONS), "--seconds", "8"]
    command += ["--ramp", "1", "--think", "0.5", "--json", *extra]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


def _load_test_through_haproxy(origin: str) -> None:
    """`python -m analytics loadtest`: signed-in funder sessions over every replica, each page run timed."""
    signed_in = _loadtest(origin, "--cookie-secret", COOKIE_SECRET, "--email", FUNDER)
    assert signed_in.returncode == 0, signed_in.stdout + signed_in.stderr
    report = json.loads(signed_in.stdout)
    step(f"load test: {report['page_runs']} runs, p95 {report['p95_s']} s, {report['sessions_per_replica']}")
    assert report["errors"] == 0 and report["sessions_without_error"] == SESSIONS, report["error_samples"]
    assert sum(report["sessions_per_replica"].values()) == SESSIONS
    assert set(report["sessions_per_replica"]) <= {"r1", "r2", "r3"} and len(report["sessions_per_replica"]) >= 2
    assert report["page_runs"] >= 2 * SESSIONS  # each session's first Overview and at least one page after it
    assert 0 < report["p50_s"] <= report["p95_s"] <= report["max_s"]
    # Without the sign-in cookie every session sees the sign-in page: errors, not fast page runs.
    anonymous = _loadtest(origin)
    assert anonymous.returncode == 1, anonymous.stdout
    report = json.loads(anonymous.stdout)
    assert report["sessions_without_error"] == 0
    assert all("drew no chart" in sample for sample in report["error_samples"]), report["error_samples"]


def test_a_supervisor_killed_outright_takes_its_replicas_and_haproxy_with_it(tmp_path):
    """SIGKILL gives the supervisor no chance to stop anything: the children are told by the kernel instead."""
    db = tmp_path / "warehouse.duckdb"
    loaded_warehouse(db, acceptance_files()).close()
    port = free_port()
    with (tmp_path / "serve.log").open("w") as out:
        serve = subprocess.Popen(
            [sys.executable, "-m", "analytics", "serve", "--db", str(db), "--replicas", "2", "--port", str(port)],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    state_file = Path(f"{db}.serve.json")
    try:
        wait_for(lambda: state_file.exists() and healthy(f"http://127.0.0.1:{port}"), 180, "make serve starting")
        state = json.loads(state_file.read_text())
        children = [state["haproxy"], *(r["pid"] for r in state["replicas"].values())]
        assert all(alive(pid) for pid in children)
        serve.kill()
        serve.wait(timeout=30)
        wait_for(lambda: not any(alive(pid) for pid in children), 30, "the children stopping after the supervisor")
    finally:
        if serve.poll() is None:
            serve.kill()
