"""The dashboard in a real browser: every page by its address, filters in the URL, links, download, upload."""

from __future__ import annotations

import re
import time

import pytest
from browser_helpers import exception_texts, metric_value, open_url, screenshot, wait_idle
from playwright.sync_api import Page, expect
from security_support import Server as DashboardServer

from analytics.bench.browser import WARM_LINE
from ui.navigation import PAGES

CHART_PAGES = {"overview": 3, "growth": 3, "returning": 3, "pipeline": 3, "exchange": 2, "courses": 1}
TITLES = {"overview": "Boston Educators Collaborative"}


def test_a_deep_link_is_the_first_request_and_still_runs_inside_the_frame(sample_copy, page: Page, tmp_path):
    # The first run of a fresh server is where the pages/ folder would take over navigation. The shared
    # server has run the Overview by itself (its warm-up), so this one starts without it: a visitor can
    # still arrive before the warm-up's own run.
    cold = DashboardServer(sample_copy(tmp_path), tmp_path / "cold.log", env={"ANALYTICS_WARM_UP": "off"})
    try:
        open_url(page, f"{cold.url}/growth")
        expect(page.locator("h1").first).to_have_text("Growth and reach")
        expect(page.locator('[data-testid="stSidebar"]').get_by_text("Sector", exact=True)).to_be_visible()
        expect(page.get_by_text("Page not found")).to_have_count(0)
        expect(page.locator(".js-plotly-plot")).to_have_count(3, timeout=30_000)
    finally:
        cold.stop()
    assert WARM_LINE not in cold.log.read_text(errors="replace")  # it really was the server's first run


def test_a_fresh_server_runs_the_overview_before_its_first_visitor(server):
    # ui/launch.py: the shared server opened one session to itself and ran the default page.
    deadline = time.monotonic() + 90
    while WARM_LINE not in (log := server.log.read_text(errors="replace")) and time.monotonic() < deadline:
        time.sleep(0.2)
    said = [line for line in log.splitlines() if line.startswith(WARM_LINE)]
    assert said, f"the server never said it was warm:\n{log[-2000:]}"
    assert re.fullmatch(rf"{WARM_LINE}: the first page ran in [0-9.]+s \((\d+) charts\)", said[0])
    assert int(re.search(r"\((\d+) charts", said[0]).group(1)) == CHART_PAGES["overview"]
    assert "warm-up" not in log  # no failure line, no error shown in its run


@pytest.mark.parametrize("spec", PAGES, ids=lambda p: p.url_path)
def test_every_page_opens_by_its_address(server, page: Page, screenshots, spec):
    open_url(page, f"{server.url}/{spec.address}")
    assert exception_texts(page) == []
    expect(page.get_by_text("Page not found")).to_have_count(0)
    expect(page.locator("h1").first).to_have_text(TITLES.get(spec.url_path, spec.title))
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_text("Sector", exact=True)).to_be_visible()
    expect(sidebar.get_by_text("Data as of")).to_be_visible()
    expected_charts = CHART_PAGES.get(spec.url_path, 0)
    if expected_charts:
        expect(page.locator(".js-plotly-plot")).to_have_count(expected_charts, timeout=30_000)
        expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible()
    screenshot(page, screenshots / f"{spec.url_path}.png")


def _choose_sector(page: Page, label: str) -> None:
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    box.click()
    page.get_by_role("option", name=label, exact=True).click()
    page.keyboard.press("Escape")
    wait_idle(page)


def test_changing_a_filter_changes_the_numbers_and_the_address(server, page: Page):
    open_url(page, server.url)
    everyone = metric_value(page, "Participants")
    _choose_sector(page, "Charter")
    expect(page).to_have_url(re.compile(r"sector=charter"))
    charter = metric_value(page, "Participants")
    assert charter != everyone
    assert int(charter.replace(",", "")) < int(everyone.replace(",", ""))
    # and the filter survives a page change through the navigation
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Leader pipeline").click()
    wait_idle(page)
    expect(page.locator("h1").first).to_have_text("Leader pipeline")
    expect(page).to_have_url(re.compile(r"/pipeline\?sector=charter"))
    assert exception_texts(page) == []


def test_a_link_with_filters_reproduces_the_view(server, page: Page):
    open_url(page, f"{server.url}/?sector=catholic&term_from=Fall+2018")
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.locator('[data-testid="stMultiSelect"]').first).to_contain_text("Catholic")
    # follow an in-page link: it carries the filters
    page.locator('[data-testid="stPageLink"]').filter(has_text="Returning participants").click()
    wait_idle(page)
    expect(page.locator("h1").first).to_have_text("Returning participants")
    expect(page).to_have_url(re.compile(r"/returning\?.*sector=catholic"))
    expect(page).to_have_url(re.compile(r"term_from=Fall(\+|%20)2018"))
    expect(sidebar.locator('[data-testid="stMultiSelect"]').first).to_contain_text("Catholic")
    assert exception_texts(page) == []


def test_a_bad_link_gets_a_notice_not_an_error(server, page: Page):
    open_url(page, f"{server.url}/growth?sector=martian&term_from=Smarch+2019")
    assert exception_texts(page) == []
    expect(page.get_by_text("Part of this link was not understood")).to_be_visible()
    expect(page.locator("h1").first).to_have_text("Growth and reach")


def test_the_numbers_behind_a_chart_are_drawn_when_opened_and_stay_open(server, page: Page):
    open_url(page, server.url)
    grids = page.locator('[data-testid="stDataFrame"]')
    expect(page.locator(".js-plotly-plot")).to_have_count(3, timeout=30_000)
    expect(grids).to_have_count(0)  # closed: no table is sent, so the first chart does not wait for a grid
    page.get_by_text("The numbers behind this chart").first.click()
    expect(grids).to_have_count(1, timeout=30_000)  # the opening reran the page, which drew this one table
    expect(grids.first).to_be_visible()
    _choose_sector(page, "Charter")  # a filter change keeps it open, with the new rows
    expect(page).to_have_url(re.compile(r"sector=charter"))
    expect(grids).to_have_count(1)
    assert exception_texts(page) == []


def test_downloading_the_table_behind_a_chart(server, page: Page, tmp_path):
    open_url(page, f"{server.url}/growth?sector=charter")
    with page.expect_download() as info:
        page.get_by_role("button", name=re.compile("Download this table")).first.click()
    download = info.value
    assert download.suggested_filename == "participation_by_sector_sector-charter.csv"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "term,sector,enrollments,participants,new_participants,returning_participants"
    assert len(lines) > 1 and all(",charter," in line for line in lines[1:])


def test_uploading_a_file_imports_it_and_undo_reverses_it(server, page: Page, tmp_path, screenshots):
    upload = tmp_path / "late_registrations.csv"
    upload.write_text(
        "term,course_code,email,full_name,school,sector,status\n"
        f"{server.course_term},{server.course_code},late.teacher@example.org,Late Teacher,Example School,charter,enrolled\n",
        encoding="utf-8",
    )
    open_url(page, f"{server.url}/data")
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(upload))
    wait_idle(page)
    expect(page.get_by_text("Detected enrollments")).to_be_visible(timeout=30_000)
    screenshot(page, screenshots / "data-preview.png")
    page.get_by_role("button", name="Import 1 file").click()
    wait_idle(page)
    expect(page.get_by_text("Imported. Every page now shows the new data.")).to_be_visible(timeout=30_000)
    screenshot(page, screenshots / "data-imported.png")
    # undo: the newest batch is the one offered first
    page.get_by_role("button", name=re.compile(r"^Undo batch \d+$")).click()
    wait_idle(page)
    screenshot(page, screenshots / "data-undone.png")
    expect(page.get_by_text(re.compile(r"Undid batch \d+ \(late_registrations\.csv\)"))).to_be_visible()
    assert exception_texts(page) == []


def test_the_benchmark_times_the_first_chart_of_a_warm_and_of_a_warming_server(sample_copy, tmp_path):
    # analytics bench's browser figure, on the sample: two fresh servers, three timed opens, one report line.
    from analytics.bench import report
    from analytics.bench.browser import first_chart

    figures = first_chart(sample_copy(tmp_path))
    assert len(figures["browser_first_chart_s"]) == 2 and len(figures["browser_cold_first_chart_s"]) == 1
    opens = [*figures["browser_first_chart_s"], *figures["browser_cold_first_chart_s"]]
    assert all(0 < s < 60 for s in opens), figures
    assert 0 < figures["browser_ready_s"] < 120, figures
    line = report.browser_line(figures)
    assert line.startswith("browser, Overview's first chart: ") and line.endswith(
        f"opened during the warm-up: {figures['browser_cold_first_chart_s'][0]:.2f} s"
    )
