"""Writing one table as CSV or JSON bytes. XLSX lives in ``xlsx.py``."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd

from analytics.exports.meta import ExportMeta
from analytics.exports.safe import safe_value
from analytics.metrics.spec import TableSpec


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The table as CSV: header row then data, nothing else; UTF-8 with a byte-order mark.

    The BOM makes Excel read accented names (Sainte-Thérèse) as UTF-8 instead of the
    local code page; pandas, DuckDB and Python's ``utf-8-sig`` read it transparently.
    Blank or withheld cells are empty; text that could run as a formula is escaped.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_value(str(col)) for col in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        writer.writerow(["" if cell is None else cell for cell in map(safe_value, row)])
    return buffer.getvalue().encode("utf-8-sig")


def json_bytes(frame: pd.DataFrame, spec: TableSpec, meta: ExportMeta, notes: list[str]) -> bytes:
    """``{"meta": {...}, "columns": [...], "rows": [[...], ...]}``; withheld cells are null.

    JSON is read by programs, not spreadsheets, so text is kept exactly as it is.
    """
    rows = [[_plain(cell) for cell in row] for row in frame.itertuples(index=False, name=None)]
    document = {
        "meta": {
            "table": spec.name,
            "description": spec.description,
            **meta.as_dict(),
            "notes": notes,
        },
        "columns": list(frame.columns),
        "rows": rows,
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _plain(value: object) -> object:
    cell = safe_value(value) if not isinstance(value, str) else value
    return cell.isoformat() if hasattr(cell, "isoformat") else cell
