"""Report footers and notes under a table: recognised, skipped and counted, never loaded or rejected.

Salesforce ends a report with `Grand Totals (78 records)`, a confidentiality
line and a copyright line; spreadsheets carry notes under the table. Such a
line is a row with a single filled cell at the end of the data, whose text is
a known footer or reads as a sentence (a note), not as a value. Only the
trailing block is looked at: a one-cell row among the data is a data row
(and is rejected with its reason if it cannot load).
"""

from __future__ import annotations

import re

from analytics.ingest.evidence import EMAIL

FOOTER_SEARCH_ROWS = 30  # a footer block is at most this many rows
_FOOTER = re.compile(
    r"^(grand totals?\b|totals?\b|subtotal|confidential|copyright|\(c\)|©|generated\b|report generated|"
    r"run date|printed\b|exported\b|source:|notes?\b|\*|†|filtered by|records?:|\d+ (records|rows|responses)\b)",
    re.IGNORECASE,
)


def _one_cell(cells: list[str | None]) -> str | None:
    filled = [c for c in cells if c is not None and str(c).strip()]
    return str(filled[0]).strip() if len(filled) == 1 else None


def is_footer(cells: list[str | None], width: int) -> bool:
    """A row that is a footer or note line of a table ``width`` columns wide."""
    text = _one_cell(cells)
    if text is None or width < 2:
        return False
    if _FOOTER.search(text):
        return True
    if EMAIL.search(text):
        return False
    words = re.findall(r"[^\W\d_]+", text)
    return len(words) >= 4 or (len(words) >= 2 and text.endswith((".", ":", ")")))


def split_footer(rows: list[tuple[int, list]], width: int) -> tuple[list[tuple[int, list]], list[tuple[int, str]]]:
    """(data rows, skipped (line, text)) of non-blank rows: the trailing footer block taken off."""
    cut = len(rows)
    floor = max(0, len(rows) - FOOTER_SEARCH_ROWS)
    while cut > floor and is_footer(rows[cut - 1][1], width):
        cut -= 1
    if cut == 0:  # every row a "footer": a one-column table of notes is data, let it be checked as such
        return rows, []
    skipped = [(line, _one_cell(cells) or "") for line, cells in rows[cut:]]
    return rows[:cut], skipped
