"""`analytics bench` without its optional parts: a message naming what to install, exit 2, no traceback.

Playwright is a test tool (requirements-dev.txt): after only `make setup` it is not installed,
and Debian's chromium may be missing on any machine. The check runs before minutes of
generating and importing, so nothing is measured in vain.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from analytics import cli
from analytics.bench import browser
from analytics.bench import run as bench_run

ROOT = Path(__file__).resolve().parent.parent

# The command line in a fresh interpreter where `import playwright` finds nothing, as after `make setup`.
WITHOUT_PLAYWRIGHT = """
import sys
class NoPlaywright:
    def find_spec(self, name, path=None, target=None):
        if name == "playwright" or name.startswith("playwright."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None
sys.meta_path.insert(0, NoPlaywright())
import runpy
sys.argv = ["analytics", "bench", "--enrollments", "200", "--runs", "1", "--no-pages"]
runpy.run_module("analytics", run_name="__main__")
"""


def test_bench_without_playwright_says_what_to_install(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT_PLAYWRIGHT], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    message = done.stderr.strip()
    assert message.count("\n") == 0, message  # one line
    assert "playwright" in message and "make setup-dev" in message and "--no-browser" in message
    assert "enrollments" not in done.stdout + message.replace("--enrollments", "")  # nothing was generated first


def test_bench_without_chromium_says_what_to_install(monkeypatch, capsys):
    monkeypatch.setattr(browser, "CHROMIUM", "/nonexistent/chromium")
    assert cli.main(["bench", "--enrollments", "200", "--runs", "1", "--no-pages"]) == 2
    err = capsys.readouterr().err
    assert "chromium" in err and "make browser" in err and "--no-browser" in err


def test_no_browser_needs_neither(monkeypatch, capsys):
    monkeypatch.setattr(browser, "CHROMIUM", "/nonexistent/chromium")
    monkeypatch.setitem(sys.modules, "playwright.sync_api", None)  # `import` now raises ImportError
    assert len(browser.missing_parts()) == 2
    seen = []

    def measured(options, workdir):  # the benchmark itself is tests/test_bench.py's; here only what reaches it
        seen.append(options)
        return {"sizes": []}

    monkeypatch.setattr(bench_run, "run", measured)
    assert cli.main(["bench", "--no-browser", "--no-pages", "--enrollments", "200", "--json"]) == 0
    assert [o.browser for o in seen] == [False]
    assert "error" not in capsys.readouterr().err


def test_bench_without_pandas_times_the_tables_and_says_nothing_was_compared(tmp_path):
    command = [sys.executable, "-m", "analytics", "bench", "--enrollments", "300", "--runs", "1", "--no-pages"]
    command += ["--no-browser", "--no-publish", "--no-pandas", "--keep", str(tmp_path)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert "import 1/1:" in done.stderr and "peak" in done.stderr  # the import's figures, said as they come
    assert "no pandas" in done.stdout
    table_lines = [line for line in done.stdout.splitlines() if line.startswith("participation_by_term")]
    assert len(table_lines) == 1 and table_lines[0].rstrip().endswith("-")  # not compared, not "yes"
    assert float(table_lines[0].split()[1]) > 0  # DuckDB still timed
