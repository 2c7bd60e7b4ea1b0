"""Every page through the real frame (dashboard.py) with AppTest: sample data, filters, empty, nothing matching."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import duckdb
import pytest
from app_support import errors, open_page, run_app

from analytics.vocab import SECTORS
from ui.folder_navigation import follow_navigation_in_apptest, restore_apptest_default
from ui.navigation import BY_URL, PAGES

TITLES = {"overview": "Boston Educators Collaborative"}  # the others are titled as in the navigation
CHART_PAGES = {"overview": 3, "growth": 3, "returning": 3, "pipeline": 3, "exchange": 2, "courses": 1}


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory, sample_copy):
    """The sample warehouse, and a filter that matches nothing in it, found before any app opens the file
    (the app keeps its connection open for the rest of the process)."""
    path = sample_copy(tmp_path_factory.mktemp("sample"))
    return path, _filter_matching_nothing(path)


@pytest.fixture(scope="module")
def sample_db(sample_build):
    return sample_build[0]


@pytest.fixture
def nothing_filter(sample_build):
    return sample_build[1]


@pytest.fixture
def sample(sample_db, monkeypatch):
    monkeypatch.setenv("ANALYTICS_DB", str(sample_db))
    return sample_db


def _frame_is_present(at) -> bool:
    """The frame's sidebar (drawn by dashboard.py, not by any page) is on screen."""
    labels = [w.label for w in at.sidebar.multiselect]
    return labels == ["Sector", "Strand"] and any(b.label == "Reset filters" for b in at.sidebar.button)


def _chart_layouts(at) -> list[dict]:
    return [json.loads(chart.proto.spec)["layout"] for chart in at.get("plotly_chart")]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.url_path)
def test_every_page_renders_inside_the_frame_with_the_sample(sample, page):
    at = run_app()
    at = open_page(at, page.url_path)
    assert errors(at) == []
    assert [t.value for t in at.title] == [TITLES.get(page.url_path, page.title)]
    assert _frame_is_present(at), "the page ran without dashboard.py (the pages/ folder trap)"
    layouts = _chart_layouts(at)
    assert len(layouts) >= CHART_PAGES.get(page.url_path, 0)
    for layout in layouts:
        assert layout["title"]["text"], "every chart says what it shows"
    # A second visit (the AppTest fallback to folder navigation happened on later runs) still has the frame.
    at = open_page(at, page.url_path)
    assert _frame_is_present(at)


def test_overview_headlines_have_separators_and_changes(sample):
    at = run_app()
    metrics = {m.label: m for m in at.metric}
    assert list(metrics) == ["Participants", "Courses", "Schools", "Returning rate", "Teacher leaders"]
    assert metrics["Returning rate"].value.endswith("%")
    assert all(m.value != "–" for m in metrics.values())
    assert metrics["Participants"].delta is not None


def test_chart_pages_have_labelled_axes(sample):
    at = open_page(run_app(), "growth")
    for layout in _chart_layouts(at):
        assert layout["xaxis"]["title"]["text"]
        assert layout["yaxis"]["title"]["text"]


def test_filters_from_the_address_change_the_numbers(sample):
    everyone = {m.label: m.value for m in run_app().metric}
    at = run_app({"sector": ["charter"]})
    assert errors(at) == []
    assert at.sidebar.multiselect(key="flt_sectors").value == ["charter"]
    charter = {m.label: m.value for m in at.metric}
    assert charter["Participants"] != everyone["Participants"]
    assert int(charter["Participants"].replace(",", "")) < int(everyone["Participants"].replace(",", ""))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.url_path)
def test_every_page_renders_with_filters_set(sample, page):
    at = run_app({"sector": ["charter", "catholic"], "category": "culturally_proficient", "term_from": "Fall 2018"})
    at = open_page(at, page.url_path)
    assert errors(at) == []
    assert at.sidebar.multiselect(key="flt_sectors").value == ["charter", "catholic"]
    assert at.sidebar.multiselect(key="flt_categories").value == ["culturally_proficient"]
    assert at.query_params["term_from"] in ("Fall 2018", ["Fall 2018"])
    assert len(at.get("plotly_chart")) >= CHART_PAGES.get(page.url_path, 0)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.url_path)
def test_every_page_with_an_empty_warehouse_leads_to_the_data_page(db_path, page):
    at = open_page(run_app(), page.url_path)
    assert errors(at) == []
    assert _frame_is_present(at)
    if page.url_path == "data":
        assert len(at.get("file_uploader")) == 1
        assert any("No data loaded yet" in m.value for m in at.markdown)
    else:
        assert any("Welcome" in i.value for i in at.info)
        links = [link.proto.page for link in at.get("page_link")]
        assert any("data" in target for target in links)
        assert at.get("plotly_chart") == []


def _filter_matching_nothing(path) -> dict[str, str]:
    """A sector and a term with no participants in the sample (found, not assumed)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        present = set(con.execute("select distinct sector, term from enrollments").fetchall())
        terms = [t for (t,) in con.execute("select distinct term from enrollments").fetchall()]
    finally:
        con.close()
    for sector in SECTORS:
        for term in terms:
            if (sector, term) not in present:
                return {"sector": sector, "term_from": term, "term_to": term}
    raise AssertionError("every sector has participants in every term; pick another empty filter")


@pytest.mark.parametrize("page", [p for p in PAGES if p.url_path in CHART_PAGES], ids=lambda p: p.url_path)
def test_a_filter_matching_nothing_says_so(nothing_filter, sample, page):
    at = open_page(run_app(nothing_filter), page.url_path)
    assert errors(at) == []
    assert any("Nothing matches these filters" in i.value for i in at.info)
    assert at.get("plotly_chart") == []


def test_a_page_started_by_the_folder_navigation_reruns_inside_the_frame(sample):
    # Streamlit's own page manager: every AppTest run starts in the folder navigation, as a fresh server does.
    restore_apptest_default()
    try:
        for page in ("growth", "people", "overview"):
            at = open_page(run_app(), page)
            assert errors(at) == []
            assert _frame_is_present(at)
            assert at.title[0].value == TITLES.get(page, BY_URL[page].title)
    finally:
        follow_navigation_in_apptest()


def test_a_warehouse_in_use_by_another_process_is_explained_not_raised(tmp_path, monkeypatch, sample_copy):
    path = sample_copy(tmp_path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, sys, time; c = duckdb.connect({str(path)!r}); print('ready', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        monkeypatch.setenv("ANALYTICS_DB", str(path))
        at = run_app()
        assert list(at.exception) == []
        message = " ".join(e.value for e in at.error).replace("\\", "")
        assert "in use by another process" in message
    finally:
        holder.kill()
        holder.wait()


def test_one_sector_selected_explains_why_courses_look_unmixed(sample):
    one = open_page(run_app({"sector": ["charter"]}), "exchange")
    two = open_page(run_app({"sector": ["charter", "district"]}), "exchange")
    assert errors(one) == [] and errors(two) == []
    assert any("Only one sector is selected" in box.value for box in one.info)
    assert not any("Only one sector is selected" in box.value for box in two.info)


def test_long_tables_are_capped_with_a_note(sample, monkeypatch):
    import ui.components

    monkeypatch.setattr(ui.components, "MAX_TABLE_ROWS", 5)
    at = open_page(run_app(), "courses")
    assert errors(at) == []
    assert max(len(frame.value) for frame in at.dataframe) == 5
    assert any(c.value.startswith("Showing the first 5 of ") for c in at.caption)


def test_a_long_list_of_possible_duplicates_shows_its_head_and_downloads_whole(sample, monkeypatch):
    import ui.components
    from ui import imports

    monkeypatch.setattr(ui.components, "MAX_TABLE_ROWS", 1)
    at = open_page(run_app(), "data")
    assert errors(at) == []
    whole = imports.all_duplicates()
    people, names = len(whole), whole["name_key"].nunique()
    assert people > 1 and 0 < names < people  # the sample has people sharing a name
    heads = [frame.value for frame in at.dataframe if len(frame.value) == 1]
    assert any(list(frame.iloc[:, 1]) == list(whole["person_id"].head(1)) for frame in heads)
    note = f"Showing the first 1 of {people:,} people ({names:,} shared names)"
    assert any(c.value.startswith(note) for c in at.caption), [c.value for c in at.caption]
    assert [b.label for b in at.get("download_button")] == ["Download every possible duplicate (CSV)"]


def test_a_download_of_a_function_reads_the_frame_only_when_clicked(monkeypatch):
    import pandas as pd

    import ui.components
    from analytics.filters import Filters
    from ui import downloads

    frame, reads, buttons = pd.DataFrame({"name_key": ["ann lee"], "person_id": ["a@x.org"]}), [], []
    monkeypatch.setattr(ui.components, "_release", lambda: None)
    monkeypatch.setattr(ui.components.st, "download_button", lambda label, **kw: buttons.append((label, kw)))

    def read():
        reads.append(1)
        return frame

    ui.components.download(read, "possible_duplicates", Filters(), label="Download every one")
    [(label, given)] = buttons
    assert (label, given["file_name"], given["on_click"]) == ("Download every one", "possible_duplicates.csv", "ignore")
    assert reads == []  # nothing read while the page runs
    assert given["data"]() == downloads.csv_bytes(frame) and reads == [1]


# Pages with a by-term / by-school-year switch: the school-year charts drawn first, then the by-term ones.
YEAR_CHARTS = {"growth": 2, "returning": 1, "pipeline": 1}


@pytest.mark.parametrize("url_path", sorted(YEAR_CHARTS))
def test_the_school_year_view_draws_the_year_charts_first(sample, url_path):
    at = run_app()
    at.session_state["period_view"] = "school_year"  # the switch starts at the session's last choice
    at = open_page(at, url_path)
    assert errors(at) == []
    titles = [layout["title"]["text"] for layout in _chart_layouts(at)]
    year_titles, term_titles = titles[: YEAR_CHARTS[url_path]], titles[YEAR_CHARTS[url_path] :]
    assert year_titles and all(re.search(r"\b\d{4}-\d{2}\b", t) for t in year_titles), titles
    assert term_titles and not any(re.search(r"\b\d{4}-\d{2}\b", t) for t in term_titles), titles
