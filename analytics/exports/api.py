"""What the dashboard's Exports page and the command line call: a table or the workbook as file bytes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import duckdb

from analytics import metrics, warehouse
from analytics.errors import UnknownValueError
from analytics.exports.equations import linked_tables
from analytics.exports.meta import ExportMeta, filename
from analytics.exports.suppression import Suppressed, suppress_tables
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


def suppressed_tables(
    con: duckdb.DuckDBPyConnection,
    names: Sequence[str],
    filters: Filters | None = None,
    suppress_below: int | None = None,
) -> dict[str, Suppressed]:
    """Tables ``names`` under ``filters``, suppressed with threshold ``suppress_below`` (None: not at all).

    Under suppression every table linked to a requested one (by totals or shared numbers,
    ``equations.LINKS``) is computed and suppressed with it. Linked groups never share an
    equation, so a table withholds exactly the same cells whether it is exported alone,
    in the workbook, in the report, or on the dashboard.
    """
    for name in names:
        if name not in TABLES:
            raise UnknownValueError("table", name, list(TABLES))
    needed = list(dict.fromkeys(names))
    if suppress_below and suppress_below > 1:
        for name in names:
            needed += [t for t in linked_tables(name, TABLES) if t not in needed]
    frames = {name: metrics.compute(con, name, filters or Filters()) for name in needed}
    results = suppress_tables(frames, suppress_below)
    return {name: results[name] for name in names}


def tables_for_export(
    con: duckdb.DuckDBPyConnection,
    names: Sequence[str],
    filters: Filters | None = None,
    suppress_below: int | None = None,
) -> dict[str, SheetTable]:
    """``suppressed_tables`` as what the writers take: spec, frame and notes."""
    results = suppressed_tables(con, names, filters, suppress_below)
    return {name: SheetTable(TABLES[name], result.frame, result.notes, result.mask) for name, result in results.items()}


def table_for_export(
    con: duckdb.DuckDBPyConnection, name: str, filters: Filters | None = None, suppress_below: int | None = None
) -> SheetTable:
    """One table, suppressed together with the tables linked to it (see ``tables_for_export``)."""
    return tables_for_export(con, [name], filters, suppress_below)[name]


def export_table(
    con: duckdb.DuckDBPyConnection,
    name: str,
    filters: Filters | None = None,
    fmt: str = "csv",
    suppress_below: int | None = None,
) -> Export:
    """One table as CSV, JSON or XLSX; the file name carries filters, threshold and as-of date."""
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise UnknownValueError("format", fmt, list(FORMATS))
    filters = filters or Filters()
    table = table_for_export(con, name, filters, suppress_below)
    meta = ExportMeta(filters, warehouse.as_of(con), suppress_below)
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
    """Every table of docs/METRICS.md in one XLSX: an About sheet, then one sheet per table."""
    filters = filters or Filters()
    tables = list(tables_for_export(con, list(TABLES), filters, suppress_below).values())
    meta = ExportMeta(filters, warehouse.as_of(con), suppress_below)
    notes = [f"{t.spec.name}: {note}" for t in tables for note in t.notes[1:]]
    data = full_workbook(tables, meta)
    return Export(data, filename(WORKBOOK_NAME, meta, "xlsx"), FORMATS["xlsx"], notes)
