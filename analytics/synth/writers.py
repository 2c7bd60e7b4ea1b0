"""Writing frames the way the collaborative's tools save them, byte-identical for one seed."""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

FIXED_TIME = (2020, 10, 23, 12, 0, 0)  # zip entry times; openpyxl would stamp "now" and break determinism


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


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
    """CSV quoted only where needed, written by DuckDB (a million rows in about a second).

    ``encoding`` cp1252 is Excel on Windows (CRLF line ends too), ``bom`` Excel's "CSV UTF-8",
    ``title`` a line above the header as some tools write."""
    table = _arrow_blank_as_null(frame)
    target = path.with_name(path.name + ".part")
    con = duckdb.connect()
    try:
        con.execute("set preserve_insertion_order = true")
        con.from_arrow(table).write_csv(str(target), sep=sep, header=False, quotechar='"')
    finally:
        con.close()
    windows = encoding != "utf-8"
    newline = "\r\n" if windows else "\n"
    # The header is written here: DuckDB quotes names like `Order #` that no export tool would.
    header = sep.join(_quote(str(name), sep) for name in frame.columns)
    with open(path, "wb") as out, open(target, "rb") as src:
        if bom:
            out.write(codecs.BOM_UTF8)
        if title:
            out.write((title + newline).encode(encoding))
        out.write((header + newline).encode(encoding))
        while block := src.readlines(16 << 20):
            data = b"".join(block)
            if windows:
                data = data.decode("utf-8").replace("\n", "\r\n").encode(encoding)
            out.write(data)
    target.unlink()


def _arrow_blank_as_null(frame: pd.DataFrame) -> pa.Table:
    """The frame as an Arrow table with empty text as null: DuckDB writes "" for an empty
    string (to tell it from NULL), while export tools leave a blank cell empty."""
    columns = []
    for name in frame.columns:
        values = frame[name]
        array = pa.array(values.to_numpy(dtype=object) if values.dtype == object else values, from_pandas=True)
        if pa.types.is_string(array.type) or pa.types.is_large_string(array.type):
            array = pc.if_else(pc.equal(array, ""), pa.scalar(None, array.type), array)
        columns.append(array)
    return pa.table(columns, names=[f"c{i}" for i in range(len(columns))])


def _quote(text: str, sep: str) -> str:
    if sep in text or '"' in text or "\n" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


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
    """Copy a zip with every entry stamped FIXED_TIME, in the same order, and stored rather than
    deflated: deflate's bytes depend on the zlib build (zlib-ng, Apple's, Intel's differ from
    zlib's), so a compressed workbook would not be the same bytes on every machine."""
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            entry.compress_type = zipfile.ZIP_STORED
            entry.external_attr = info.external_attr
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps "modified" with the time of saving
                data = _MODIFIED.sub(rb"\g<1>2020-10-23T12:00:00Z\g<2>", data)
            dst.writestr(entry, data)
