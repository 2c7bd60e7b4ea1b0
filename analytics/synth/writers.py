"""Writing frames the way the collaborative's tools save them, byte-identical for one seed."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

CHUNK_ROWS = 200_000
FIXED_TIME = (2020, 10, 23, 12, 0, 0)  # zip entry times; openpyxl would stamp "now" and break determinism


@dataclass(frozen=True)
class Written:
    """One file the generator wrote."""

    path: Path
    kind: str  # courses | enrollments | surveys | schools (what the importer should detect)
    rows: int  # data rows (sheets summed for a workbook)
    note: str  # how it looks: encoding, header style, term spelling


def write_csv(
    path: Path,
    frame: pd.DataFrame,
    *,
    encoding: str = "utf-8",
    sep: str = ",",
    bom: bool = False,
    title: str | None = None,
) -> None:
    """CSV in big chunks; ``encoding`` cp1252 is Excel on Windows, ``bom`` Excel's "CSV UTF-8"."""
    with open(path, "wb") as out:
        if bom:
            out.write("\ufeff".encode())
        if title:
            out.write((title + "\r\n" if encoding == "cp1252" else title + "\n").encode(encoding))
        newline = "\r\n" if encoding == "cp1252" else "\n"
        for start in range(0, max(len(frame), 1), CHUNK_ROWS):
            chunk = frame.iloc[start : start + CHUNK_ROWS]
            text = chunk.to_csv(index=False, header=start == 0, sep=sep, lineterminator=newline)
            out.write(text.encode(encoding))


def write_xlsx(path: Path, sheets: list[tuple[str, str | None, pd.DataFrame]]) -> None:
    """A workbook of (sheet name, title line above the header or None, frame) with fixed timestamps."""
    book = Workbook(write_only=True)
    fixed = datetime(*FIXED_TIME)
    book.properties.created = fixed
    book.properties.modified = fixed
    book.properties.creator = "Boston Educators Collaborative"
    bold = Font(bold=True)
    for name, title, frame in sheets:
        sheet = book.create_sheet(name)
        if title:
            cell = WriteOnlyCell(sheet, value=title)
            cell.font = bold
            sheet.append([cell])
        sheet.append([_header_cell(sheet, h, bold) for h in frame.columns])
        date_cols = {i for i, c in enumerate(frame.columns) if pd.api.types.is_datetime64_any_dtype(frame[c])}
        for row in frame.itertuples(index=False, name=None):
            sheet.append([_value(sheet, v, i in date_cols) for i, v in enumerate(row)])
    buffer = io.BytesIO()
    book.save(buffer)
    _rezip_fixed(buffer.getvalue(), path)


def _header_cell(sheet, text: str, bold: Font) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)
    cell.font = bold
    return cell


def _value(sheet, value: object, is_date: bool) -> object:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NaT:
        return None
    if is_date:
        cell = WriteOnlyCell(sheet, value=pd.Timestamp(value).to_pydatetime().date())
        cell.number_format = "m/d/yyyy"
        return cell
    if hasattr(value, "item"):  # numpy scalar -> python
        return value.item()
    return value


def _rezip_fixed(data: bytes, path: Path) -> None:
    """Copy a zip with every entry stamped FIXED_TIME, in the same order."""
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            dst.writestr(entry, src.read(info.filename))
