"""The funder report: self-contained, every section, cut from the published release (charts, readings, headlines)."""

from __future__ import annotations

import base64
import html
import json
import re
from pathlib import Path

import numpy as np
import pytest
from release_support import published_acceptance

from analytics import disclosure, warehouse
from analytics.exports import NotPublishedError, build_report
from analytics.exports import readings as report_readings
from analytics.exports.report import SECTIONS
from analytics.filters import Filters

ACCEPTANCE = Path(__file__).parent / "fixtures" / "acceptance" / "exports"
FINAL = ACCEPTANCE / "enrollments_spring_2020_final.csv"


@pytest.fixture(scope="module")
def acceptance_con(tmp_path_factory):
    # the acceptance exports, corrected final file last, with one release (published once per run)
    path = published_acceptance(tmp_path_factory, tmp_path_factory.mktemp("report") / "warehouse.duckdb")
    con = warehouse.connect(path)
    yield con
    con.close()


@pytest.fixture(scope="module")
def report_page(acceptance_con) -> str:
    return build_report(acceptance_con, suppress_below=10)


def body_of(page: str) -> str:
    """The page after the inlined plotly.js (the library's own code is not ours to inspect)."""
    return page.split("</script>", 1)[1]


def traces(page: str) -> list[dict]:
    decoder = json.JSONDecoder()
    body = body_of(page)
    found = []
    for match in re.finditer(r'Plotly\.newPlot\(\s*"[^"]+",\s*', body):
        data, _ = decoder.raw_decode(body, match.end())
        found.extend(data)
    return found


def values(array) -> list[float]:
    """Numbers of a plotly array, plain or base64-packed (plotly 6+ packs numpy arrays)."""
    if array is None:
        return []
    if isinstance(array, dict) and "bdata" in array:
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=np.dtype(array["dtype"])).ravel().tolist()
    flat = np.array(array, dtype=object).ravel().tolist()
    return [float(v) for v in flat if isinstance(v, (int, float)) and not isinstance(v, bool)]


def small_counts_drawn(page: str, k: int) -> list[tuple[str, float]]:
    """Counts of people drawn (whole numbers in traces that are not rates or courses) from 1 to k-1."""
    small = []
    for trace in traces(page):
        if trace.get("name") == "Courses":  # courses are not people: never withheld
            continue
        key = "z" if trace.get("type") == "heatmap" else "y"
        numbers = [v for v in values(trace.get(key)) if not np.isnan(v)]
        if not numbers or max(numbers) <= 1:  # rates (0-1) are not counts
            continue
        small += [(trace.get("name", key), v) for v in numbers if v == round(v) and 1 <= v < k]
    return small


def readings(page: str) -> list[str]:
    return re.findall(r'<p class="reading">(.*?)</p>', page)


def test_self_contained_with_plotly_inlined_once(report_page):
    assert report_page.startswith("<!DOCTYPE html>")
    assert report_page.count("* plotly.js v") == 1
    assert not re.search(r"<script[^>]*\bsrc=", report_page, re.I)
    assert not re.search(r"<link\b", report_page, re.I)
    assert not re.search(r"url\(\s*['\"]?https?:", body_of(report_page), re.I)
    assert not re.search(r"<(iframe|img)\b", report_page, re.I)


def test_every_section_in_order_with_a_reading(report_page, acceptance_con):
    positions = [report_page.find(f'data-section="{name}"') for name in SECTIONS[1:]]
    assert all(p > 0 for p in positions) and positions == sorted(positions)
    assert report_page.find('id="headlines"') < positions[0]
    assert 'data-section="About these numbers"' in report_page
    assert len(readings(report_page)) >= len(SECTIONS) - 1
    # the growth sentence is read off the release's table, not the live one
    released = disclosure.latest_release(acceptance_con).table("participation_by_term", "all")
    assert html.escape(report_readings.growth(released)) in report_page


def test_print_stylesheet(report_page):
    assert "@media print" in report_page
    assert "break-before: page" in report_page
    assert ".modebar" in report_page.split("@media print", 1)[1]
    assert '"displayModeBar": false' in report_page or '"displayModeBar":false' in report_page


def test_no_small_count_is_drawn_or_written(report_page, acceptance_con):
    assert small_counts_drawn(report_page, 10) == []
    unsuppressed = build_report(acceptance_con, suppress_below=None)
    assert small_counts_drawn(unsuppressed, 10), "the acceptance data has small cells: the check must see them"
    for text in readings(report_page):
        text = text.split(", and courses offered")[0]  # courses are not people
        for token in re.findall(r"(?<![\w.])(\d[\d,]*)(?![\d%])", text):
            number = int(token.replace(",", ""))
            assert number == 0 or number >= 10, (token, text)
    assert "Counts of 1 to 9 people, enrollments or schools are withheld" in report_page


def test_a_threshold_the_release_does_not_meet_is_refused(acceptance_con):
    with pytest.raises(NotPublishedError, match="withholds counts below 10, not below 1000000"):
        build_report(acceptance_con, suppress_below=10**6)


def test_filters_and_progress(acceptance_con):
    steps = []
    page = build_report(acceptance_con, Filters.parse(["Charter"]), 10, lambda f, m: steps.append((f, m)))
    assert "Filters: sectors: charter" in page
    fractions = [f for f, _ in steps]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0


def test_empty_warehouse_gives_a_report_that_says_so(con):
    page = build_report(con, suppress_below=None)  # the live form: nothing is published from an empty warehouse
    assert "No data for these filters" in page
    assert "no data loaded" in page
    with pytest.raises(NotPublishedError, match="no release has been published yet"):
        build_report(con)
