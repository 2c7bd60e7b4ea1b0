"""XLSX workbooks: every sheet whose headers match a kind is its own table (and batch)."""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import replace

from analytics.errors import ImportFileError
from analytics.ingest.evidence import SAMPLE_ROWS
from analytics.ingest.footers import split_footer
from analytics.ingest.locate import HEADER_SEARCH_ROWS, RawTable, locate

# A real export workbook expands to a few hundred MB at most; a ZIP bomb to far more.
MAX_EXPANDED_BYTES = 1_000_000_000
MAX_RATIO = 200


def _refuse_bombs(path, name: str) -> None:
    """Refuse archives whose members would expand to an absurd size, before anything is expanded."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportFileError(name, f"a damaged ZIP archive, not a readable XLSX workbook ({exc})") from None
    expanded = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members) or 1
    if expanded > MAX_EXPANDED_BYTES or expanded / packed > MAX_RATIO:
        raise ImportFileError(
            name, f"refused: the archive would expand to {expanded:,} bytes from {packed:,} (a ZIP bomb?)"
        )


def read_workbook(path, name: str, digest: str, kind: str | None, overrides: dict | None) -> list[RawTable]:
    """Tables of the sheets that hold an export; ImportFileError when no sheet does."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    _refuse_bombs(path, name)
    # A file object, not the path: openpyxl refuses a workbook by its extension
    # (an upload renamed .csv), and the kind is decided by content here.
    handle = open(path, "rb")  # noqa: SIM115 - read-only sheets read it until book.close()
    try:
        book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        handle.close()
        raise ImportFileError(name, f"a ZIP archive but not a readable XLSX workbook ({exc})") from None
    tables, seen = [], []
    try:
        for sheet in book.worksheets:
            rows = [
                (n, [cell_text(v) for v in values]) for n, values in enumerate(sheet.iter_rows(values_only=True), 1)
            ]
            try:
                table = locate(name, rows[: HEADER_SEARCH_ROWS + 4], kind, overrides, digest, sheet.title, False)
            except LookupError:
                heads = [r for _, r in rows[:HEADER_SEARCH_ROWS] if any(r)]
                seen.append(f"{sheet.title!r}: {', '.join(repr(h) for h in (heads[0] if heads else []) if h)}")
                continue
            body = [(n, cells) for n, cells in rows if n >= table.first_data_line and any(cells)]
            data, skipped = split_footer(body, len(table.headers))
            # a sheet that turns out to be no export is passed over ("optional")
            extra = {**table.extra, "skipped": skipped, "sample": data[:SAMPLE_ROWS], "optional": True}
            tables.append(replace(table, path=str(path), rows=data, extra=extra))
    finally:
        book.close()
        handle.close()
    if not tables:
        what = f"no sheet has the required columns of {kind}" if kind else "no sheet is a recognisable export"
        raise ImportFileError(name, f"{what}; headers found: {'; '.join(seen) or 'none'}")
    return tables


def cell_text(value: object) -> str | None:
    """A cell as the text a CSV export of it would hold."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text if text.strip() else None
