"""The table behind a chart, as a file: CSV written by the exports' own writer, so no spreadsheet runs it.

File names carry the filters, and for a funder the release (docs/METRICS.md, "Exports": for CSV
the filters go in the name and on the page, never into extra rows of the file).
"""

from __future__ import annotations

import pandas as pd

from analytics.exports.meta import file_name_of, release_slug
from analytics.exports.writers import csv_bytes as _export_csv
from analytics.filters import Filters


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV (with a BOM so Excel keeps accents) of ``frame``: the same writer and escaping as the exports."""
    return _export_csv(frame)


def file_name(name: str, filters: Filters, extension: str = "csv", release: tuple[int, int] | None = None) -> str:
    """``participation_by_term_sector-charter_terms-spring2018-to-fall2019.csv``: the table and its filters, named
    the way the Exports page names its files; a funder's ``release`` (id, K) adds ``_release3-k10``."""
    parts = [name, *filters.slugs()]
    if release:
        parts.append(release_slug(*release))
    return file_name_of(parts, extension)
