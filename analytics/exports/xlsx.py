"""Excel workbooks: one formatted sheet per table and an "About" sheet saying what they are.

Written with openpyxl. Every text cell is stored as text (never a formula) and escaped
as in CSV; numbers stay numbers with a display format (thousands, 0.0% for rates).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from analytics.exports.meta import ExportMeta
from analytics.exports.safe import safe_value
from analytics.metrics.spec import TableSpec

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
TITLE_FONT = Font(bold=True, size=14)
LABEL_FONT = Font(bold=True)
COUNT_FORMAT = "#,##0"
RATE_FORMAT = "0.0%"
# Averages keep the precision METRICS.md rounds them to.
DECIMAL_FORMATS = {"avg_rating": "0.00", "nps": "0.0", "median_terms_to_lead": "0.0", "mixing_index": "0.00"}
MAX_WIDTH = 60


@dataclass(frozen=True)
class SheetTable:
    """One table to write: its spec, its (suppressed) frame, and the notes about it."""

    spec: TableSpec
    frame: pd.DataFrame
    notes: list[str]


def number_format(column: str, spec: TableSpec) -> str | None:
    """Display format of a column: None for keys (text), % for rates, decimals for averages, else counts."""
    if column in spec.keys:
        return None
    if column.endswith("_rate"):
        return RATE_FORMAT
    return DECIMAL_FORMATS.get(column, COUNT_FORMAT)


def table_workbook(table: SheetTable, meta: ExportMeta) -> bytes:
    """One table's sheet, then an About sheet."""
    book = Workbook()
    write_table(book.active, table)
    write_about(book.create_sheet("About"), [table], meta)
    return _bytes(book)


def full_workbook(tables: Sequence[SheetTable], meta: ExportMeta) -> bytes:
    """The About sheet first, then one sheet per table in the order given."""
    book = Workbook()
    write_about(book.active, tables, meta)
    for table in tables:
        write_table(book.create_sheet(), table)
    return _bytes(book)


def write_table(sheet: Worksheet, table: SheetTable) -> None:
    """Header row styled and frozen, formatted numbers, text escaped, widths to fit, a filter on the header."""
    sheet.title = table.spec.name[:31]  # Excel's limit on sheet names
    columns = list(table.frame.columns)
    for j, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=j, value=safe_value(column))
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center")
    formats = [number_format(c, table.spec) for c in columns]
    widths = [len(str(c)) for c in columns]
    for i, row in enumerate(table.frame.itertuples(index=False, name=None), start=2):
        for j, raw in enumerate(row, start=1):
            value = safe_value(raw)
            cell = sheet.cell(row=i, column=j)
            if isinstance(value, str):
                cell.value = value
                cell.data_type = "s"  # text, even if it looks like a formula: never evaluated
            else:
                cell.value = value
                if formats[j - 1] and value is not None:
                    cell.number_format = formats[j - 1]
            widths[j - 1] = max(widths[j - 1], _shown_width(value, formats[j - 1]))
    for j, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(j)].width = min(MAX_WIDTH, width + 3)
    sheet.freeze_panes = "A2"
    if columns:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(1, len(table.frame) + 1)}"


def write_about(sheet: Worksheet, tables: Sequence[SheetTable], meta: ExportMeta) -> None:
    """What the workbook holds: filters, as-of, suppression rule, then each table's definition and notes."""
    sheet.title = "About"
    rows: list[tuple[str, str]] = [
        ("Filters", meta.filters.describe()),
        ("Data as of", meta.as_of_text),
        ("Exported at", f"{meta.generated_at:%Y-%m-%d %H:%M} UTC"),
        ("Suppression", meta.suppression),
        ("Blank cells", "Withheld under the suppression rule, or a rate whose denominator is zero."),
    ]
    sheet.cell(row=1, column=1, value="Boston Educators Collaborative: exported tables").font = TITLE_FONT
    line = 3
    for label, text in rows:
        _about_line(sheet, line, label, text)
        line += 1
    line += 1
    for column, title in enumerate(("Table (sheet)", "What it shows", "Columns", "Notes"), start=1):
        cell = sheet.cell(row=line, column=column, value=title)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    for table in tables:
        line += 1
        notes = " ".join(n for n in table.notes if n != meta.suppression)
        for column, text in enumerate(
            (table.spec.name, table.spec.description, ", ".join(table.spec.columns), notes), start=1
        ):
            cell = sheet.cell(row=line, column=column, value=safe_value(text))
            cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCD", (26, 60, 60, 70), strict=True):
        sheet.column_dimensions[letter].width = width


def _about_line(sheet: Worksheet, row: int, label: str, text: str) -> None:
    sheet.cell(row=row, column=1, value=label).font = LABEL_FONT
    cell = sheet.cell(row=row, column=2, value=safe_value(text))
    cell.data_type = "s"
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)


def _shown_width(value: object, fmt: str | None) -> int:
    if value is None:
        return 0
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if fmt == RATE_FORMAT:
            return len(f"{value:.1%}")
        if fmt == COUNT_FORMAT:
            return len(f"{value:,.0f}")
        return len(f"{value:.2f}")
    return len(str(value))


def _bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
