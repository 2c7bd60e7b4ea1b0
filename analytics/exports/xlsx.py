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
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet as Worksheet  # what write-only books create

from analytics.exports.meta import ExportMeta
from analytics.exports.safe import safe_value
from analytics.metrics.spec import TableSpec

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
WITHHELD_FILL = PatternFill("solid", fgColor="E7E6E6")
TITLE_FONT = Font(bold=True, size=14)
LABEL_FONT = Font(bold=True)
COUNT_FORMAT = "#,##0"
RATE_FORMAT = "0.0%"
# Averages keep the precision docs/METRICS.md rounds them to.
DECIMAL_FORMATS = {"avg_rating": "0.00", "nps": "0.0", "median_terms_to_lead": "0.0", "mixing_index": "0.00"}
MAX_WIDTH = 60


@dataclass(frozen=True)
class SheetTable:
    """One table to write: its spec, its (suppressed) frame, and the notes about it."""

    spec: TableSpec
    frame: pd.DataFrame
    notes: list[str]
    withheld: pd.DataFrame | None = None  # True where suppression withheld the cell (shaded grey)


def number_format(column: str, spec: TableSpec) -> str | None:
    """Display format of a column: None for keys (text), % for rates, decimals for averages, else counts."""
    if column in spec.keys:
        return None
    if column.endswith("_rate"):
        return RATE_FORMAT
    return DECIMAL_FORMATS.get(column, COUNT_FORMAT)


def table_workbook(table: SheetTable, meta: ExportMeta) -> bytes:
    """One table's sheet, then an About sheet."""
    book = Workbook(write_only=True)
    write_table(book.create_sheet(), table)
    write_about(book.create_sheet(), [table], meta)
    return _bytes(book)


def full_workbook(tables: Sequence[SheetTable], meta: ExportMeta) -> bytes:
    """The About sheet first, then one sheet per table in the order given."""
    book = Workbook(write_only=True)
    write_about(book.create_sheet(), tables, meta)
    for table in tables:
        write_table(book.create_sheet(), table)
    return _bytes(book)


def write_table(sheet: Worksheet, table: SheetTable) -> None:
    """Header row styled and frozen, formatted numbers, text escaped, widths to fit, a filter on the header.

    Sheets are written in openpyxl's write-only mode, row by row: tables run to tens of
    thousands of rows, and building every cell as an object first costs several times more.
    Text never starts with ``=`` after escaping, so openpyxl stores all of it as text.
    """
    sheet.title = table.spec.name[:31]  # Excel's limit on sheet names
    columns = list(table.frame.columns)
    formats = [number_format(c, table.spec) for c in columns]
    rows = [[safe_value(v) for v in row] for row in table.frame.itertuples(index=False, name=None)]
    widths = [len(str(c)) for c in columns]
    for row in rows:
        for j, value in enumerate(row):
            widths[j] = max(widths[j], _shown_width(value, formats[j]))
    for j, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(j)].width = min(MAX_WIDTH, width + 3)
    sheet.freeze_panes = "A2"
    if columns:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(1, len(rows) + 1)}"
    sheet.append([_header(sheet, column) for column in columns])
    styled = [j for j, fmt in enumerate(formats) if fmt]
    withheld = table.withheld.to_numpy() if table.withheld is not None else None
    for i, row in enumerate(rows):
        for j in styled:
            if row[j] is not None and not isinstance(row[j], str):
                cell = WriteOnlyCell(sheet, value=row[j])
                cell.number_format = formats[j]
                row[j] = cell
        if withheld is not None:
            for j in withheld[i].nonzero()[0]:
                cell = WriteOnlyCell(sheet, value=None)
                cell.fill = WITHHELD_FILL  # blank, but visibly withheld rather than missing
                row[j] = cell
        sheet.append(row)


def write_about(sheet: Worksheet, tables: Sequence[SheetTable], meta: ExportMeta) -> None:
    """What the workbook holds: filters, as-of, suppression rule, then each table's definition and notes."""
    sheet.title = "About"
    for letter, width in zip("ABCD", (26, 60, 60, 70), strict=True):
        sheet.column_dimensions[letter].width = width
    title = WriteOnlyCell(sheet, value="Boston Educators Collaborative: exported tables")
    title.font = TITLE_FONT
    sheet.append([title])
    sheet.append([])
    about = [
        ("Filters", meta.filters.describe()),
        ("Data as of", meta.as_of_text),
        ("Exported at", f"{meta.generated_at:%Y-%m-%d %H:%M} UTC"),
        ("Suppression", meta.suppression),
        ("Blank cells", "Grey: withheld under the suppression rule. White: a rate whose denominator is zero."),
    ]
    if meta.release:
        about.insert(1, ("Published release", f"{meta.release.text}; view: {meta.release.view_label}"))
    for label, text in about:
        name = WriteOnlyCell(sheet, value=label)
        name.font = LABEL_FONT
        sheet.append([name, _wrapped(sheet, text)])
    sheet.append([])
    sheet.append([_header(sheet, title) for title in ("Table (sheet)", "What it shows", "Columns", "Notes")])
    for table in tables:
        notes = " ".join(n for n in table.notes if n != meta.suppression)
        sheet.append(
            [
                _wrapped(sheet, text)
                for text in (table.spec.name, table.spec.description, ", ".join(table.spec.columns), notes)
            ]
        )


def _header(sheet: Worksheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=safe_value(text))
    cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    cell.alignment = Alignment(horizontal="center", vertical="center")
    return cell


def _wrapped(sheet: Worksheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=safe_value(text))
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


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
