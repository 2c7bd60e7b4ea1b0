"""One CSV writer for the dashboard and the command line, with the full OWASP escaping.

The issue's examples: a course title starting with a line feed, or with a
full-width equals sign, came out live from the page downloads while the command
line escaped them. Both now go through ``analytics.exports.writers.csv_bytes``.
"""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from analytics.exports import writers
from analytics.exports.safe import needs_escape, safe_text
from ui import downloads

LIVE = [
    '\n=HYPERLINK("http://evil.example","x")',  # the issue's line feed
    "\uff1d1+1",  # the issue's full-width equals sign
    "\uff0bcmd",
    "\uff0d2+3",
    "\uff20SUM(A1)",
    "\ufe66small equals",
    "\u2212minus sign",
    "  =1+1",  # leading spaces: spreadsheets skip them before a formula
    "\u3000=1+1",  # an ideographic space
    " \t@SUM(A1)",
    "\t=x",
    "\r=x",
    "=1+1",
    "+cmd",
    "-2+3",
    "@SUM(A1)",
]
HARMLESS = ["Executive Function Skills", "Sainte-Thérèse Academy", "-5", " +1.5", "O'Bryant", "", " plain"]


def _frame(titles: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "term": ["Fall 2017"] * len(titles),
            "course_title": titles,
            "participants": pd.array([12] * (len(titles) - 1) + [pd.NA], dtype="Int64"),
        }
    )


@pytest.mark.parametrize("text", LIVE)
def test_every_formula_start_is_escaped(text):
    assert needs_escape(text)
    assert safe_text(text) == "'" + text


@pytest.mark.parametrize("text", HARMLESS)
def test_harmless_text_and_numbers_are_left_alone(text):
    assert not needs_escape(text)
    assert safe_text(text) == text


def test_the_dashboard_download_and_the_command_line_write_the_same_bytes():
    frame = _frame(LIVE + HARMLESS)
    assert downloads.csv_bytes(frame) == writers.csv_bytes(frame)


def test_a_page_download_escapes_the_issues_examples():
    frame = _frame(LIVE + HARMLESS)
    text = downloads.csv_bytes(frame).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    titles = [row[1] for row in rows[1:]]
    assert titles == ["'" + t for t in LIVE] + HARMLESS
    assert rows[1][1].startswith("'\n")  # the line feed is inside the quoted cell, after the escape
    assert rows[2][1] == "'\uff1d1+1"
    assert rows[-1][2] == ""  # a withheld count is blank, never "<NA>"
    assert rows[1][2] == "12"


def test_a_hostile_column_name_is_escaped_too():
    frame = pd.DataFrame({"\uff1dcmd": ["a"]})
    header = downloads.csv_bytes(frame).decode("utf-8-sig").splitlines()[0]
    assert header == "'\uff1dcmd"
