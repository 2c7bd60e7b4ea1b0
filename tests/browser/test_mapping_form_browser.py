"""The mapping form in a real browser: upload a tool's export, adjust one column, import, see the layout reused."""

from __future__ import annotations

import csv
import io
import re

import openpyxl
from app_support import ROOT
from browser_helpers import exception_texts, open_url, screenshot, wait_idle
from playwright.sync_api import Page, expect

HEADERS = [
    "Order #",
    "Order Date",
    "Last Name",
    "First Name",
    "Email",
    "Quantity",
    "Ticket Type",
    "Attendee #",
    "Which semester?",
    "Attendee Status",
    "Job Title",
    "School",
]


def _titles(term: str) -> list[str]:
    """Course titles the sample catalog offers in this term (read from the workbook, not the served warehouse)."""
    book = openpyxl.load_workbook(ROOT / "data" / "sample" / "course_catalog.xlsx", read_only=True)
    try:
        rows = list(book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()
    titles = [r[2] for r in rows[2:] if r[0] == term and r[2]]
    return [t for t in dict.fromkeys(titles) if titles.count(t) == 1][:2]


def _eventbrite(path, term: str, people: list[tuple[str, str]], titles: list[str]) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for n, (first, email) in enumerate(people):
        writer.writerow(
            [
                7000 + n,
                "2020-01-05 10:00:00-05:00",
                "Tester",
                first,
                email,
                1,
                titles[n % len(titles)],
                9000 + n,
                term,
                "Checked In",
                "Math Coach",
                "Example School",
            ]
        )
    path.write_text(out.getvalue(), encoding="utf-8")


def _select(page: Page, label: str, option: str) -> None:
    box = page.get_by_role("combobox", name=label, exact=True)
    box.click()
    box.fill(option)  # the list is long and drawn lazily: type to filter it
    page.get_by_role("option", name=option, exact=True).click()
    wait_idle(page)


def test_upload_adjust_import_and_the_layout_is_reused(server, page: Page, tmp_path, screenshots):
    titles = _titles(server.course_term)
    assert titles, f"no course title unique to {server.course_term} in the sample catalog"
    first = tmp_path / "eventbrite_attendees.csv"
    _eventbrite(first, server.course_term, [("Ada", "ada.form@example.org"), ("Ben", "ben.form@example.org")], titles)
    open_url(page, f"{server.url}/data")
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(first))
    wait_idle(page)
    expect(page.get_by_text("New layout: eventbrite_attendees.csv")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("With these choices: would load 2 of 2 rows")).to_be_visible()
    _select(page, "Job Title", "subject")  # adjust one column: the job title is read as the subject taught
    screenshot(page, screenshots / "data-mapping-form.png")
    page.get_by_role("button", name="Import", exact=True).click()
    wait_idle(page)
    expect(page.get_by_text("Imported. Every page now shows the new data.")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("saved as layout Eventbrite registrations")).to_be_attached()  # a table cell

    second = tmp_path / "eventbrite_attendees_later.csv"
    _eventbrite(second, server.course_term, [("Cy", "cy.form@example.org")], titles)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(second))
    wait_idle(page)
    expect(page.get_by_text("read as your Eventbrite registrations layout")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("New layout")).to_have_count(0)
    screenshot(page, screenshots / "data-layout-reused.png")
    page.get_by_role("button", name="Import 1 file").click()
    wait_idle(page)
    expect(page.get_by_text("Imported. Every page now shows the new data.")).to_be_visible(timeout=30_000)
    for name in ("eventbrite_attendees_later.csv", "eventbrite_attendees.csv"):  # leave the shared server as it was
        page.get_by_role("button", name=re.compile(r"^Undo batch \d+$")).click()
        wait_idle(page)
        expect(page.get_by_text(re.compile(rf"Undid batch \d+ \({re.escape(name)}\)"))).to_be_visible()
    assert exception_texts(page) == []
