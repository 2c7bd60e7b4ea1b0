"""Sign-in on a real server: signed out, funder, coordinator and unlisted accounts, pages asked for by address.

The server reads an ``[auth]`` and ``[access]`` secrets file from a temporary
folder (``--secrets.files``). No identity provider runs here, so each account's
session cookie is made the way Streamlit's own sign-in callback makes it: the
user's claims signed with the ``cookie_secret``. A cookie signed with any other
secret must count for nothing.
"""

from __future__ import annotations

import importlib.util

import browser_helpers
import pytest
from browser_helpers import exception_texts, wait_idle
from playwright.sync_api import Page
from release_support import published_acceptance
from security_support import Server

from analytics.security import FUNDER
from analytics.serve.probe import free_port
from tools.serve.signin import write_secrets
from ui.navigation import PAGES, visible_pages

COOKIE_SECRET = "a-test-secret-for-signing-session-cookies"
HIDDEN = [p for p in PAGES if p.coordinators_only]


@pytest.fixture(scope="module")
def signin_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("signin")
    # funders see the latest release only: the acceptance exports with one published (once per run)
    db = published_acceptance(tmp_path_factory, folder / "warehouse.duckdb")
    port = free_port()
    secrets = write_secrets(folder / "secrets.toml", f"http://127.0.0.1:{port}", COOKIE_SECRET)
    server = Server(db, folder / "streamlit.log", args=("--secrets.files", str(secrets)), port=port)
    yield server
    server.stop()


def sign_in(page: Page, url: str, email: str | None, secret: str = COOKIE_SECRET) -> None:
    browser_helpers.sign_in(page, url, email, secret)


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector('[data-testid="stApp"]', timeout=60_000)
    wait_idle(page)


def signs_in(page: Page) -> bool:
    """The sign-in page: its button, or (where Authlib is not installed) the message saying what to install."""
    if importlib.util.find_spec("authlib") is None:
        return page.get_by_text("the Authlib package is missing").is_visible()
    return page.get_by_role("button", name="Sign in").is_visible()


def shows_data(page: Page) -> bool:
    selectors = '[data-testid="stMetric"], [data-testid="stDataFrame"], .js-plotly-plot, [data-testid="stMultiSelect"]'
    return page.locator(selectors).count() > 0


def nav_titles(page: Page) -> set[str]:
    links = page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
    return {t.strip().splitlines()[-1].strip() for t in links if t.strip()}  # the icon's name comes first


def test_first_request_of_a_fresh_server_to_a_hidden_page_signed_out_shows_only_sign_in(signin_server, page: Page):
    """The process's first run goes through Streamlit's folder navigation, which could start a page bare."""
    sign_in(page, signin_server.url, None)
    open_page(page, f"{signin_server.url}/people")
    assert signs_in(page)
    assert not shows_data(page)
    assert "@" not in page.locator('[data-testid="stMain"]').inner_text()
    assert exception_texts(page) == []


@pytest.mark.parametrize("target", [p.url_path for p in PAGES])
def test_signed_out_sees_only_the_sign_in_page_at_every_address(signin_server, page: Page, target):
    sign_in(page, signin_server.url, None)
    open_page(page, f"{signin_server.url}/{target}?sector=charter")
    assert signs_in(page)
    assert not shows_data(page)


def test_a_cookie_signed_with_another_secret_counts_for_nothing(signin_server, page: Page):
    sign_in(page, signin_server.url, "coord@bostoncompact.org", secret="guessed-secret")
    open_page(page, f"{signin_server.url}/data")
    assert signs_in(page)
    assert not shows_data(page)


@pytest.mark.parametrize("hidden", [p.url_path for p in HIDDEN])
def test_funder_cannot_open_a_coordinator_page_by_its_address(signin_server, page: Page, hidden):
    sign_in(page, signin_server.url, "grants@examplefoundation.org")
    open_page(page, f"{signin_server.url}/{hidden}")
    titles = page.locator("h1").all_inner_texts()
    assert not {t.strip() for t in titles} & {p.title for p in HIDDEN}, titles
    assert nav_titles(page) == {p.title for p in visible_pages(FUNDER)}
    assert page.locator('[data-testid="stFileUploader"]').count() == 0
    assert exception_texts(page) == []


def test_funder_sees_the_funder_pages_with_numbers(signin_server, page: Page):
    sign_in(page, signin_server.url, "grants@examplefoundation.org")
    open_page(page, f"{signin_server.url}/overview")
    assert page.locator('[data-testid="stMetric"]').count() > 0
    assert "Funder" in page.locator('[data-testid="stSidebar"]').inner_text()
    assert page.get_by_role("button", name="Sign out").is_visible()


def test_coordinator_sees_every_page(signin_server, page: Page):
    sign_in(page, signin_server.url, "coord@bostoncompact.org")
    open_page(page, f"{signin_server.url}/data")
    assert page.locator('[data-testid="stFileUploader"]').count() == 1
    assert nav_titles(page) == {p.title for p in PAGES}


def test_unlisted_account_sees_the_no_access_page(signin_server, page: Page):
    sign_in(page, signin_server.url, "visitor@gmail.com")
    open_page(page, f"{signin_server.url}/people")
    assert page.get_by_role("heading", name="No access yet").is_visible()
    assert "visitor@gmail.com" in page.inner_text("body")
    assert not shows_data(page)
