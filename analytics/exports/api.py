"""What the dashboard's Exports page and the command line call: a table or the workbook as file bytes.

Two sources, never mixed: live numbers for coordinators (no threshold), and the
latest published release for anything shared (a threshold K >= 2). A shared file
is never computed on demand: it is cut from the release, or refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from analytics import metrics, warehouse
from analytics.errors import UnknownValueError
from analytics.exports import published
from analytics.exports.meta import ExportMeta, filename
from analytics.exports.writers import csv_bytes, json_bytes
from analytics.exports.xlsx import SheetTable, full_workbook, table_workbook
from analytics.filters import Filters
from analytics.metrics.spec import TABLES

FORMATS = {
    "csv": "text/csv",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
WORKBOOK_NAME = "collaborative_tables"


@dataclass(frozen=True)
class Export:
    """A file ready to download or write: its bytes, a name that says what it holds, its type, and notes."""

    data: bytes
    filename: str
    mime: str
    notes: list[str] = field(default_factory=list)


def shared(suppress_below: int | None) -> bool:
    """True when a threshold asks for numbers fit to share: those come from the published release."""
    return bool(suppress_below and suppress_below > 1)


def _live_sheet(con: duckdb.DuckDBPyConnection, name: str, filters: Filters) -> SheetTable:
    frame = metrics.compute(con, name, filters)
    mask = pd.DataFrame(False, index=frame.index, columns=frame.columns)
    return SheetTable(TABLES[name], frame, [], mask)


def tables_for_export(
    con: duckdb.DuckDBPyConnection,
    names: Sequence[str] | None,
    filters: Filters | None = None,
    suppress_below: int | None = None,
) -> tuple[dict[str, SheetTable], ExportMeta]:
    """Tables ``names`` (None: every table of the source) as the writers take them, and what they are.

    With a threshold they are the latest release's, for the published view ``filters`` name (refused
    otherwise, ``published.NotPublishedError``); without one, live tables for coordinators.
    """
    filters = filters or Filters()
    if shared(suppress_below):
        release = published.latest(con, suppress_below)
        view = published.published_view(release, filters)
        tables = published.release_sheets(release, names, filters)
        return tables, ExportMeta(filters, release.as_of, release.k, published.stamp(release, view))
    for name in names or ():
        if name not in TABLES:
            raise UnknownValueError("table", name, list(TABLES))
    tables = {name: _live_sheet(con, name, filters) for name in (names or TABLES)}
    return tables, ExportMeta(filters, warehouse.as_of(con), None)


def export_table(
    con: duckdb.DuckDBPyConnection,
    name: str,
    filters: Filters | None = None,
    fmt: str = "csv",
    suppress_below: int | None = None,
) -> Export:
    """One table as CSV, JSON or XLSX; the file name carries filters, release and as-of date."""
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise UnknownValueError("format", fmt, list(FORMATS))
    tables, meta = tables_for_export(con, [name], filters, suppress_below)
    table = tables[name]
    if fmt == "csv":
        data = csv_bytes(table.frame)
    elif fmt == "json":
        data = json_bytes(table.frame, table.spec, meta, table.notes)
    else:
        data = table_workbook(table, meta)
    return Export(data, filename(name, meta, fmt), FORMATS[fmt], table.notes)


def export_workbook(
    con: duckdb.DuckDBPyConnection, filters: Filters | None = None, suppress_below: int | None = None
) -> Export:
    """Every table in one XLSX (the release's tables when shared): an About sheet, then one sheet per table."""
    tables, meta = tables_for_export(con, None, filters, suppress_below)
    notes = [f"{t.spec.name}: {note}" for t in tables.values() for note in t.notes[2:]]
    data = full_workbook(list(tables.values()), meta)
    return Export(data, filename(WORKBOOK_NAME, meta, "xlsx"), FORMATS["xlsx"], notes)
