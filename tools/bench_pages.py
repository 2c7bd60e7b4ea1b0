"""Time every dashboard page's full rerun after a filter change, through the real frame (AppTest of dashboard.py).

Run by ``python -m analytics bench`` in a child process (the analytics package
never imports streamlit): ``ANALYTICS_DB=W python tools/bench_pages.py --runs R``
prints one JSON object ``{"pages": {page: {rerun_ms, first_ms,
max_table_rows, max_chart_points, errors}}, "peak_rss_mb": ...}``. Every timed rerun uses a sector + term-from
combination not used before in this process, so the cached results of earlier
runs never answer it: the figure is what a user waits for after choosing a new
filter.
"""

from __future__ import annotations

import argparse
import base64
import itertools
import json
import math
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from analytics import metrics, warehouse  # noqa: E402
from analytics.vocab import SECTORS  # noqa: E402
from ui.folder_navigation import follow_navigation_in_apptest  # noqa: E402
from ui.navigation import PAGES  # noqa: E402

follow_navigation_in_apptest()  # as on a server that has run once (ui/folder_navigation.py)


def filter_choices(terms: list[str]):
    """Endless distinct (sectors, term_from) pairs: each sector set with each early term."""
    subsets = [list(c) for size in (1, 2, 3) for c in itertools.combinations(SECTORS, size)]
    starts = terms[: max(1, len(terms) // 2)]
    return itertools.cycle([(sectors, start) for start in starts for sectors in subsets])


def _length(values) -> int:
    """Points in one trace array: a JSON list, or plotly's typed array ({"dtype", "bdata", "shape"})."""
    if isinstance(values, list):
        return len(values)
    if isinstance(values, dict) and "bdata" in values:
        if values.get("shape"):
            return math.prod(int(n) for n in str(values["shape"]).split(","))
        return len(base64.b64decode(values["bdata"])) // np.dtype(values["dtype"]).itemsize
    return 0


def payload(at: AppTest) -> tuple[int, int]:
    """(most rows in one table element, most points in one chart trace) of what the run sent."""
    rows = max((len(df.value) for df in at.dataframe), default=0)
    points = 0
    for chart in at.get("plotly_chart"):
        for trace in json.loads(chart.proto.spec).get("data", []):
            sizes = [_length(trace.get(key)) for key in ("x", "y", "z", "values", "labels", "customdata")]
            points = max(points, *sizes)
    return rows, points


def time_page(url_path: str, script: str, runs: int, choices) -> dict:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
    started = time.perf_counter()
    at.run()
    at.switch_page(script).run()
    first_ms = (time.perf_counter() - started) * 1000
    samples, rows, points, errors = [], 0, 0, []
    for i in range(runs + 1):  # the first change is the warm-up
        sectors, start = next(choices)
        at.sidebar.multiselect(key="flt_sectors").set_value(sectors)
        at.sidebar.selectbox(key="flt_term_from").set_value(start)
        began = time.perf_counter()
        at.run()
        if i:
            samples.append((time.perf_counter() - began) * 1000)
        # The most sent over every run: one filter may match nothing and send nothing.
        rows, points = (max(pair) for pair in zip((rows, points), payload(at), strict=True))
        errors += [str(e.value)[:200] for e in [*at.exception, *at.error]]
    return {
        "rerun_ms": round(statistics.median(samples), 1),
        "first_ms": round(first_ms, 1),
        "max_table_rows": rows,
        "max_chart_points": points,
        "errors": errors,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--page", action="append", help="only this page (its address); repeatable")
    args = parser.parse_args(argv)
    con = warehouse.connect(warehouse.db_path(), read_only=True)
    try:
        terms = [term.label for term in metrics.terms_present(con)]
    finally:
        con.close()
    choices = filter_choices(terms)
    result = {}
    for page in PAGES:
        if args.page and page.url_path not in args.page:
            continue
        result[page.url_path] = time_page(page.url_path, page.script, args.runs, choices)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(json.dumps({"pages": result, "peak_rss_mb": round(peak_kib / 1024, 1)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
