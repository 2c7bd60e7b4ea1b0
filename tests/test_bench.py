"""The benchmark: its pandas baseline equals the warehouse's tables, and a small run returns the JSON promised.

The smoke run (10,000 enrollments, one warm run, no browser) goes through the
real command line, so generation, the import child, the page driver and the
report are all exercised; it prints nothing about speed and asserts none.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import filters_strategy, planned_warehouse, warehouses

from analytics import warehouse
from analytics.bench import pandas_prep, pandas_tables
from analytics.bench.timing import differences, median_ms
from analytics.filters import Filters
from analytics.ingest import ingest_files
from analytics.metrics import TABLES, compute
from ui.navigation import PAGES

ROOT = Path(__file__).resolve().parent.parent
ACCEPTANCE = ROOT / "tests" / "fixtures" / "acceptance" / "exports"
FILTERS = [
    Filters(),
    Filters.parse(sectors=["charter"], term_from="Fall 2018"),
    Filters.parse(sectors=["district", "catholic"], categories=["culturally_proficient"]),
    Filters.parse(categories=["all_learners"], term_from="Fall 2018", term_to="Fall 2019"),
    Filters.parse(term_to="Spring 2019"),
]


@pytest.fixture(scope="module")
def acceptance(tmp_path_factory):
    con = warehouse.connect(tmp_path_factory.mktemp("bench") / "warehouse.duckdb")
    ingest_files(con, sorted(ACCEPTANCE.glob("*.csv")))
    yield con, pandas_prep.Prepared(pandas_prep.load_frames(con))
    con.close()


@pytest.mark.parametrize("filters", FILTERS, ids=str)
@pytest.mark.parametrize("name", sorted(TABLES))
def test_pandas_baseline_equals_the_warehouse_on_the_acceptance_exports(acceptance, name, filters):
    con, prepared = acceptance
    got = compute(con, name, filters)
    assert differences(got, pandas_tables.compute(prepared, name, filters), name) == []


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=warehouses(), filters=filters_strategy())
def test_pandas_baseline_equals_the_warehouse_on_generated_warehouses(plan, filters):
    con = planned_warehouse(plan)
    prepared = pandas_prep.Prepared(pandas_prep.load_frames(con))
    for name in TABLES:
        assert differences(compute(con, name, filters), pandas_tables.compute(prepared, name, filters), name) == []


def test_the_comparison_notices_a_wrong_count_a_wrong_rate_and_a_missing_row(acceptance):
    con, prepared = acceptance
    expected = pandas_tables.compute(prepared, "returning_by_term")
    table = compute(con, "returning_by_term")
    wrong_count = table.assign(participants=table.participants + (table.index == 2))
    assert [d.split(":")[0] for d in differences(wrong_count, expected, "returning_by_term")] == ["participants"]
    wrong_rate = table.assign(returning_rate=table.returning_rate + 0.001)
    assert [d.split(":")[0] for d in differences(wrong_rate, expected, "returning_by_term")] == ["returning_rate"]
    assert differences(table.iloc[1:], expected, "returning_by_term") == [f"{len(table) - 1} rows != {len(table)} rows"]


def test_median_runs_the_warm_up_then_the_runs():
    calls = []
    median_ms(lambda: calls.append(1), 5)
    assert len(calls) == 6


def test_a_small_benchmark_returns_every_figure_with_equal_results(tmp_path):
    command = [sys.executable, "-m", "analytics", "bench", "--enrollments", "10000", "--runs", "1", "--json"]
    command += ["--no-browser", "--no-publish", "--keep", str(tmp_path)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout)
    assert report["enrollments"] == 10_000
    assert [size["enrollments"] for size in report["sizes"]] == [10_000]
    assert report["ingest_s"] > 0 and report["peak_rss_mb"] > 0
    assert report["sizes"][0]["counts"]["enrollments"] > 9_000  # a few generated rows are deliberately bad
    assert report["marts_fresh"] is True and 0 < report["marts_s"] < report["ingest_s"]  # marts inside the import
    assert report["increment_s"] > 0 and report["increment_rows"] > 100  # the weekly case: next term, on top
    assert report["publish_s"] is None and "not run" in report["publish_error"]  # --no-publish: said, not faked
    assert len(report["ingest_load_average"]) == 1 and len(report["machine"]["load_average_at_start"]) == 3
    assert set(report["tables"]) == set(TABLES)
    for name, table in report["tables"].items():
        assert table["equal"], (name, table.get("differences"))
        assert table["duckdb_ms"] > 0 and table["pandas_ms"] > 0, name
        assert table["rows"] > 0, f"{name} is empty at 10,000 enrollments: the comparison proves nothing"
    assert set(report["pages"]) == {page.url_path for page in PAGES}
    for name, page in report["pages"].items():
        assert page["errors"] == [], name
        assert page["rerun_ms"] > 0, name
    assert (tmp_path / "warehouse_10000.duckdb").exists()  # --keep keeps the warehouse


def test_the_browser_figure_runs_where_an_asyncio_loop_is_running():
    # playwright's sync API refuses a thread with a running loop (a test session using its fixtures has one):
    # the figure is measured in a thread of its own, and what that thread raises reaches the caller. The caller
    # runs its loop in a fresh thread: this thread may hold playwright's loop already, when browser tests ran first.
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from analytics.bench.browser import _in_own_thread

    def loop_in_this_thread(label):
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return f"{label}: no loop"
        return f"{label}: a loop"

    def fails():
        raise ValueError("the server did not start")

    async def caller():
        assert loop_in_this_thread("caller") == "caller: a loop"
        assert _in_own_thread(loop_in_this_thread, "figure") == "figure: no loop"
        with pytest.raises(ValueError, match="the server did not start"):
            _in_own_thread(fails)

    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, caller()).result()
