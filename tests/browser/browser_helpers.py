"""Waiting for Streamlit in a real browser, and reading what it shows."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tools.serve.signin import user_cookie

IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def wait_idle(page: Page, timeout: float = 60_000) -> None:
    """Until the script run triggered by the last action has finished and the page is drawn.

    Idle must hold for a moment: a run can end in a rerun (st.rerun, or a page
    started by the folder navigation rerunning through the frame).
    """
    page.wait_for_timeout(150)  # let a just-triggered rerun start before asking whether it ended
    for _ in range(20):
        page.wait_for_selector(IDLE, timeout=timeout)
        page.wait_for_timeout(250)
        if page.locator(IDLE).count():
            break
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0, timeout=timeout)


def open_url(page: Page, url: str) -> None:
    """Open an address and wait until the frame and the page are drawn."""
    page.goto(url)
    page.wait_for_selector('[data-testid="stSidebar"]', timeout=60_000)
    wait_idle(page)


def exception_texts(page: Page) -> list[str]:
    """Text of every exception box Streamlit shows."""
    return page.locator('[data-testid="stException"]').all_inner_texts()


def metric_value(page: Page, label: str) -> str:
    """The value of the headline number with this label."""
    metric = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return metric.locator('[data-testid="stMetricValue"]').inner_text().strip()


def screenshot(page: Page, path: Path) -> None:
    """The whole page: Streamlit scrolls inside its main area, so grow the window to its height first."""
    size = page.viewport_size
    height = page.evaluate(
        "() => Math.max(...['stMain', 'stSidebarContent'].map("
        'id => document.querySelector(`[data-testid="${id}"]`)?.scrollHeight || 0))'
    )
    page.set_viewport_size({"width": size["width"], "height": min(max(height, size["height"]), 6000)})
    page.wait_for_timeout(300)  # charts resize to the new window
    page.screenshot(path=str(path))
    page.set_viewport_size(size)


def sign_in(page: Page, url: str, email: str | None, secret: str) -> None:
    """Give the browser the session cookie Streamlit's sign-in would have set for ``email`` (None: signed out)."""
    page.context.clear_cookies()
    if email is not None:
        page.context.add_cookies([user_cookie(secret, email, url)])
