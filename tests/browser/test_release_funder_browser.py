"""A signed-in funder in chromium: every funder page under every published view, and what the browser renders.

The server runs with sign-in configured and the sample's release published. For
each page and view the test reads what the browser holds: the headline cards, the
data of every plotly chart (``gd.data``, the numbers drawn and hovered), and every
"Download this table" file; it finds no count from 1 to K-1 in any of them, and no
email, person name or school name of the sample anywhere on the page.
"""

from __future__ import annotations

import io
import json
import re

import pandas as pd
import pytest
from app_support import build_warehouse
from browser_helpers import exception_texts, screenshot, sign_in, wait_idle
from playwright.sync_api import Page
from release_support import K, acceptance_batches, array_numbers, leaks, publish_sample, small_integers
from security_support import Server

from analytics.disclosure.tables import RELEASE_TABLES
from analytics.serve.probe import free_port
from tools.serve.signin import write_secrets
from ui.navigation import visible_pages
from ui.role import FUNDER

COOKIE_SECRET = "a-test-secret-for-signing-session-cookies"
FUNDER_PAGES = [p for p in visible_pages(FUNDER)]
# What the page's plotly charts hold: each trace's name, hover template and data arrays.
_CHART_DATA = """() => {
  const plain = v => (v && ArrayBuffer.isView(v)) ? Array.from(v) : (v === undefined ? null : v);
  return Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => (gd.data || []).map(t => ({
    name: t.name || '', hover: t.hovertemplate || '',
    x: plain(t.x), y: plain(t.y), z: plain(t.z), values: plain(t.values),
    text: Array.isArray(t.text) ? t.text.map(String) : [], goal: !!(t.meta && t.meta.goal_marks)})));
}"""


def signed_in_server(folder, db) -> Server:
    """`streamlit run` on ``db`` with sign-in configured (the access lists above)."""
    port = free_port()
    secrets = write_secrets(folder / "secrets.toml", f"http://127.0.0.1:{port}", COOKIE_SECRET)
    return Server(db, folder / "streamlit.log", args=("--secrets.files", str(secrets)), port=port)


@pytest.fixture(scope="module")
def funder_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("release-browser")
    sample = publish_sample(tmp_path_factory, folder)
    server = signed_in_server(folder, sample.path)
    yield server, sample
    server.stop()


@pytest.fixture(scope="module")
def unpublished_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("release-none")
    db = build_warehouse(folder / "warehouse.duckdb", acceptance_batches()[0])  # data loaded, nothing published
    server = signed_in_server(folder, db)
    yield server
    server.stop()


def sign_in_as_funder(page: Page, url: str, email: str = "grants@examplefoundation.org") -> None:
    sign_in(page, url, email, COOKIE_SECRET)


def table_of(file_name: str) -> str:
    """The table a download is named after: ``participation_by_term_release1-k10.csv`` -> participation_by_term."""
    return max((n for n in RELEASE_TABLES if file_name.startswith((f"{n}_", f"{n}."))), key=len)


def counts_drawn(charts: list[list[dict]]) -> list[tuple[str, float]]:
    """Numbers of count traces: the hover template formats the axis as a whole count (not courses, not a rate)."""
    found = []
    for chart in charts:
        for trace in chart:
            hover = trace["hover"]
            if "courses" in hover.lower():
                continue  # course counts are not counts of people (docs/METRICS.md): shown as they are
            for axis in re.findall(r"%\{(x|y|z|value)s?:,\.0f\}", hover):
                key = "values" if axis == "value" else axis
                found += [(trace["name"], v) for v in array_numbers(trace[key])]  # plain or base64-packed arrays
    return found


def counts_labelled(charts: list[list[dict]]) -> list[tuple[str, float]]:
    """Numbers written on the bars and in their hover (`19 of 69`); a goal's label is a target, not data."""
    return [
        (trace["name"], float(token.replace(",", "")))
        for chart in charts
        for trace in chart
        if not trace["goal"]
        for label in trace["text"]
        for token in re.findall(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?![\d%])", label)
    ]


def downloaded_counts(page: Page, tmp_path) -> tuple[list[tuple[str, float]], str]:
    """Every count in every "Download this table" file of the page, and the files' text."""
    found, texts = [], []
    buttons = page.get_by_role("button", name=re.compile("Download this table"))
    for i in range(buttons.count()):
        with page.expect_download() as info:
            buttons.nth(i).click()
        download = info.value
        name = table_of(download.suggested_filename)
        target = tmp_path / download.suggested_filename
        download.save_as(target)
        text = target.read_text(encoding="utf-8-sig")
        texts.append(text)
        frame = pd.read_csv(io.StringIO(text))
        for column in RELEASE_TABLES[name].counts:
            found += [(f"{name}.{column}", float(v)) for v in pd.to_numeric(frame[column]).dropna()]
    return found, "\n".join(texts)


@pytest.mark.timeout(2400)  # publishing the sample (minutes), then 6 pages x 10 views with every download
def test_every_funder_page_under_every_view_shows_no_small_count_and_no_person(funder_server, page: Page, tmp_path):
    server, sample = funder_server
    sign_in_as_funder(page, server.url)
    pages_seen = checked = 0
    for spec in FUNDER_PAGES:
        for view in sample.views:
            query = "&".join(f"{k}={v}" for k, values in sample.queries[view].items() for v in values)
            page.goto(f"{server.url}/{spec.address}?{query}")
            page.wait_for_selector('[data-testid="stSidebar"]', timeout=60_000)
            wait_idle(page)
            where = f"{spec.url_path} under {view}"
            assert exception_texts(page) == [], where
            main = page.locator('[data-testid="stMain"]').inner_text()
            assert f"release {sample.release_id}" in main, where
            metrics = page.locator('[data-testid="stMetric"]').all_inner_texts()
            cards = []
            for card in metrics:
                label, value = card.splitlines()[0], card.splitlines()[1]
                if label not in ("Courses", "Returning rate") and value.replace(",", "").isdigit():
                    cards.append((label, float(value.replace(",", ""))))
            charts = page.evaluate(_CHART_DATA)
            files, file_text = downloaded_counts(page, tmp_path)
            drawn = counts_drawn(charts) + counts_labelled(charts)
            for source, numbers in (("cards", cards), ("charts", drawn), ("downloads", files)):
                assert small_integers([n for _, n in numbers], K) == [], (where, source)
            if spec.url_path != "exports" and not sample.tables[("participation_by_term", view)].empty:
                assert files, f"{where}: the page offered its tables to download"  # an empty view says so instead
            checked += len(cards) + len(drawn) + len(files)
            text = page.inner_text("body") + json.dumps(charts) + file_text
            assert leaks(text, sample) == [], where
            pages_seen += 1
    assert pages_seen == len(FUNDER_PAGES) * len(sample.views)
    # a release withholds a great deal, so a page may show no count at all; over every page, many were checked
    assert checked > 100, checked


@pytest.mark.timeout(1200)
def test_screenshots_of_the_funder_pages(funder_server, page: Page, screenshots):
    server, sample = funder_server
    sign_in_as_funder(page, server.url)
    for spec in FUNDER_PAGES:
        page.goto(f"{server.url}/{spec.address}?sector=independent")
        page.wait_for_selector('[data-testid="stSidebar"]', timeout=60_000)
        wait_idle(page)
        assert exception_texts(page) == []
        screenshot(page, screenshots / f"funder-{spec.url_path}.png")
    page.goto(f"{server.url}/growth?sector=charter&sector=district")
    page.wait_for_selector('[data-testid="stSidebar"]', timeout=60_000)
    wait_idle(page)
    assert page.get_by_text("which the coordinators have not published").is_visible()
    screenshot(page, screenshots / "funder-unpublished-view.png")


@pytest.mark.timeout(600)
def test_with_no_release_every_funder_page_says_so_and_shows_no_number(unpublished_server, page: Page, screenshots):
    sign_in_as_funder(page, unpublished_server.url)
    for spec in FUNDER_PAGES:
        for query in ("", "?sector=charter&term_from=Fall%202018"):
            page.goto(f"{unpublished_server.url}/{spec.address}{query}")
            page.wait_for_selector('[data-testid="stSidebar"]', timeout=60_000)
            wait_idle(page)
            where = f"{spec.url_path}{query}"
            assert exception_texts(page) == [], where
            assert page.get_by_role("heading", name="Not published yet").is_visible(), where
            main = page.locator('[data-testid="stMain"]').inner_text()
            assert "have not published" in main and not re.search(r"\d", main), where  # no number at all
            assert page.locator('[data-testid="stMetric"], .js-plotly-plot, [data-testid="stDataFrame"]').count() == 0
            assert page.locator('[data-testid="stDownloadButton"]').count() == 0, where
            assert page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').count() == 0, where
    screenshot(page, screenshots / "funder-no-release.png")


@pytest.mark.timeout(600)
def test_the_coordinators_publish_panel_shows_the_release(funder_server, page: Page, screenshots):
    server, sample = funder_server
    sign_in_as_funder(page, server.url, "coord@bostoncompact.org")
    page.goto(f"{server.url}/data")
    page.wait_for_selector('[data-testid="stSidebar"]', timeout=60_000)
    wait_idle(page)
    assert exception_texts(page) == []
    heading = page.get_by_role("heading", name="Publish for funders")
    heading.scroll_into_view_if_needed()
    assert heading.is_visible()
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert f"Release {sample.release_id}" in main and "K = 10" in main and "P = 5" in main
    for label in ("Publish for funders", "Preview the next release"):
        assert page.get_by_role("button", name=label).is_enabled(), label
    screenshot(page, screenshots / "data-publish-panel-full.png")
    # the panel alone, for the docs: from its heading to the end of the page
    size = page.viewport_size
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": min(height, 8000)})
    page.wait_for_timeout(300)
    top = heading.bounding_box()["y"] - 16
    page.screenshot(
        path=str(screenshots / "data-publish-panel.png"),
        clip={"x": 0, "y": top, "width": size["width"], "height": min(1100, min(height, 8000) - top)},
    )
    page.set_viewport_size(size)
