"""The table behind a chart, as a file: CSV written by the exports' own writer, so no spreadsheet runs it.

File names carry the filters, and for a funder the release (docs/METRICS.md, "Exports": for CSV
the filters go in the name and on the page, never into extra rows of the file).
"""

from __future__ import annotations

import re

import pandas as pd

from analytics.exports.writers import csv_bytes as _export_csv
from analytics.filters import Filters


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV (with a BOM so Excel keeps accents) of ``frame``: the same writer and escaping as the exports."""
    return _export_csv(frame)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def file_name(name: str, filters: Filters, extension: str = "csv", release: str | None = None) -> str:
    """``participation_by_term__sector-charter__spring-2018-to-fall-2019.csv``; a release adds ``__release-3-k10``."""
    parts = [name]
    if filters.sectors:
        parts.append("sector-" + "-".join(filters.sectors))
    if filters.categories:
        parts.append("strand-" + "-".join(filters.categories))
    if filters.term_from or filters.term_to:
        low = filters.term_from.label if filters.term_from else "start"
        high = filters.term_to.label if filters.term_to else "latest"
        parts.append(_slug(f"{low} to {high}"))
    if release:
        parts.append(_slug(release))
    return "__".join(parts) + "." + extension
