"""Script and HTML from the data never run in a real browser, and nothing it names is loaded.

The warehouse holds the hostile corpus (tests/fixtures/hostile): course titles,
leader and participant names, schools and survey comments that are script tags,
event handlers, ``javascript:`` and image links, Streamlit colour markup and
LaTeX. Every page is opened by its address in Debian's chromium; a hostile file
with hostile headers is uploaded on the Data page. Each payload sets
``window.__xss`` if it ever runs, and each image points at a closed loopback
port, so a request to it means something was loaded.
"""

from __future__ import annotations

import re

import pytest
from browser_helpers import exception_texts, open_url, wait_idle
from playwright.sync_api import Page, expect
from security_support import HOSTILE, Server, acceptance_files, loaded_warehouse

from ui.navigation import PAGES

TRAP_PORT = ":9/"  # the port of every image and link in the corpus: nothing listens there


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    db = folder / "warehouse.duckdb"
    loaded_warehouse(db, [*acceptance_files(), *sorted(HOSTILE.glob("*.csv"))]).close()
    server = Server(db, folder / "streamlit.log")
    yield server
    server.stop()


@pytest.fixture
def watched(page: Page):
    """The page, with every request to the trap port and every dialog recorded."""
    seen: dict[str, list[str]] = {"requests": [], "dialogs": []}
    page.on("request", lambda request: TRAP_PORT in request.url and seen["requests"].append(request.url))
    page.on("dialog", lambda dialog: (seen["dialogs"].append(dialog.message), dialog.dismiss()))
    return page, seen


def _assert_inert(page: Page, seen: dict, where: str) -> None:
    assert page.evaluate("() => window.__xss === undefined"), (
        f"{where}: a payload ran ({page.evaluate('window.__xss')})"
    )
    assert seen["requests"] == [], f"{where}: loaded {seen['requests']}"
    assert seen["dialogs"] == [], f"{where}: dialogs {seen['dialogs']}"
    injected = page.evaluate(
        """() => [...document.querySelectorAll('script, img[src="x"], iframe, svg[onload], [onerror], [onload]')]
              .filter(e => (e.outerHTML || '').includes('__xss') || e.getAttribute('src') === 'x')
              .map(e => e.outerHTML.slice(0, 120))"""
    )
    assert injected == [], f"{where}: elements from data in the page: {injected}"
    links = page.evaluate(
        "() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))"
        ".filter(h => h.trim().toLowerCase().startsWith('javascript:'))"
    )
    assert links == [], f"{where}: javascript links {links}"
    assert exception_texts(page) == [], where


@pytest.mark.parametrize("url_path", [p.url_path for p in PAGES])
def test_every_page_shows_hostile_text_as_text(hostile_server, watched, url_path):
    page, seen = watched
    open_url(page, f"{hostile_server.url}/{url_path}")
    page.wait_for_timeout(500)  # give an injected handler time to fire
    _assert_inert(page, seen, url_path)


def test_people_search_and_history_show_hostile_names_as_text(hostile_server, watched):
    page, seen = watched
    open_url(page, f"{hostile_server.url}/people")
    box = page.get_by_label("Name or email")
    box.fill("hostile.example")
    box.press("Enter")
    wait_idle(page)
    expect(page.get_by_text("Every course this person registered for")).to_be_visible(timeout=30_000)
    page.wait_for_timeout(500)
    _assert_inert(page, seen, "people search")
    chosen = page.get_by_role("combobox", name=re.compile(r"^\d+ match")).input_value()
    assert "hostile.example" in chosen and "__xss" in chosen  # the hostile name is shown, as the text it is


def test_uploading_a_file_with_hostile_headers_and_cells_is_inert(hostile_server, watched, tmp_path):
    page, seen = watched
    upload = tmp_path / "[x](javascript:window.__xss='name') <img src=x onerror=window.__xss=1>.csv"
    upload.write_text(
        "term,course_code,email,full_name,<img src=x onerror=\"window.__xss='header'\">,"
        "'; drop table people; --,![t](http://127.0.0.1:9/h.png)\n"
        "Spring 2019,HOS-00,new@hostile.example,<script>window.__xss='cell'</script>,a,b,c\n"
        "TBD,HOS-00,<img src=x onerror=\"window.__xss='reject'\">,x,a,b,c\n",
        encoding="utf-8",
    )
    open_url(page, f"{hostile_server.url}/data")
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(upload))
    wait_idle(page)
    page.wait_for_timeout(800)
    _assert_inert(page, seen, "data page preview")


def test_the_funder_report_built_from_hostile_data_is_inert_when_opened(watched, tmp_path):
    """The report is a file people forward and open: it holds aggregates only, and nothing in it runs."""
    from analytics import disclosure, exports

    page, seen = watched
    db = tmp_path / "warehouse.duckdb"
    con = loaded_warehouse(db, [*acceptance_files(), *sorted(HOSTILE.glob("*.csv"))])
    try:
        disclosure.publish(con, k=10, p=5)  # the funder report is cut from the release
        html = exports.build_report(con, suppress_below=10)
        emails = [e for (e,) in con.execute("select person_id from people").fetchall()]
    finally:
        con.close()
    assert "__xss" not in html and "hostile.example" not in html  # no title, name or comment from the data...
    assert not [e for e in emails if e in html]
    report = tmp_path / "report.html"
    report.write_text(html, encoding="utf-8")
    page.goto(report.as_uri())
    page.wait_for_load_state("load")
    page.wait_for_timeout(1000)
    assert page.evaluate("() => window.__xss === undefined")  # ...and nothing runs when it is opened
    assert seen["requests"] == [] and seen["dialogs"] == []
