"""Reading export files: bytes -> header row, kind, and data rows with their real line numbers.

Python reads only what it must: the encoding, the delimiter and the first
lines (``locate.py`` finds the header among them). Large CSVs are then scanned by DuckDB itself (see ``stage.py``);
small ones (under 100 kB), XLSX sheets and CSVs with quoted line breaks are parsed here so
that every row keeps the line number a user sees in a text editor or Excel.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import os
from dataclasses import replace
from pathlib import Path

from analytics.errors import ImportFileError
from analytics.ingest.evidence import SAMPLE_ROWS
from analytics.ingest.footers import split_footer
from analytics.ingest.headers import KINDS
from analytics.ingest.locate import HEADER_SEARCH_ROWS, RawTable, locate, text_or_none
from analytics.security.uploads import check_export

KEEP_TEXT_BYTES = 1_000_000  # smaller CSVs keep their decoded text from checking to loading
# From this size DuckDB scans a CSV (``stage.py``): a read_csv costs a few milliseconds, Python's
# parse about 20 µs a row, so a weekly export of 5,000 rows is scanned too. Smaller ones are parsed here.
SCAN_MIN_BYTES = 100_000
HEAD_BYTES = 1 << 20  # what is decoded of a bigger CSV to find its header
_DELIMITERS = (",", ";", "\t", "|")


def read_tables(
    path: str | os.PathLike, *, display: str | None = None, kind: str | None = None, overrides: dict | None = None
) -> list[RawTable]:
    """Every table of the file with its kind; ImportFileError when none can be imported."""
    name = display or Path(path).name
    if kind is not None and kind not in KINDS:
        raise ImportFileError(name, f"unknown kind {kind!r}; valid: {', '.join(KINDS)}")
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise ImportFileError(name, "no such file") from None
    except IsADirectoryError:
        raise ImportFileError(name, "is a directory, not an export file") from None
    except OSError as exc:
        raise ImportFileError(name, f"cannot be read ({exc.strerror or exc})") from None
    checked = check_export(name, data)  # the Data page's check too: kind by content, encoding, binary data
    digest = hashlib.sha256(data).hexdigest()
    if checked.kind == "xlsx":
        from analytics.ingest.xlsx import read_workbook  # openpyxl is only needed for workbooks

        return read_workbook(path, name, digest, kind, overrides)
    encoding = checked.encoding
    size = len(data)
    # what DuckDB's scan of it needs to know (stage.py), taken now that the bytes are here
    scan = file_lines(data) if encoding != "utf-16" and size >= SCAN_MIN_BYTES else None
    # Only the head is decoded here: a command checks every file before loading any,
    # and a big file's full text would sit in memory meanwhile.
    small = size < KEEP_TEXT_BYTES or encoding == "utf-16"
    head = data if small else data[: data.rfind(b"\n", 0, HEAD_BYTES) + 1 or HEAD_BYTES]
    del data
    text = _decode(head, encoding)
    delimiter = _sniff_delimiter(text)
    records = list(_records(text, delimiter, limit=HEADER_SEARCH_ROWS + SAMPLE_ROWS + 4))
    located = locate(name, records[: HEADER_SEARCH_ROWS + 4], kind, overrides, digest)
    extra = {**located.extra, "encoding": encoding, "size": size}
    if scan is not None:
        extra["lines"], extra["quoted_line_break"] = scan
    if small and size < SCAN_MIN_BYTES:  # parsed once here, its rows and footer handed to staging
        rows, skipped = _data_rows(text, delimiter, located.first_data_line, len(located.headers))
        extra.update(skipped=skipped, sample=rows[:SAMPLE_ROWS])
        return [replace(located, path=str(path), delimiter=delimiter, text=text, rows=rows, extra=extra)]
    body = [(line, [text_or_none(c) for c in cells]) for line, cells in records if line >= located.first_data_line]
    extra["sample"] = [(line, cells) for line, cells in body if any(cells)][:SAMPLE_ROWS]
    kept = text if small else None  # parsed from it only if DuckDB may not scan the file
    return [replace(located, path=str(path), delimiter=delimiter, text=kept, extra=extra)]


def file_lines(data: bytes) -> tuple[int, bool]:
    """(the number of the file's last line, whether a quoted cell may run over a line break).

    Trailing blank lines and spaces do not count. In UTF-8, Windows-1252 and Latin-1 every quote and
    line break is the same byte, so the answer holds for the file's text re-encoded as UTF-8 too.
    """
    end = len(data)
    while end and data[end - 1] in b" \t\r\n\x0b\x0c":
        end -= 1
    return data.count(b"\n", 0, end) + 1, quoted_line_break(data, end)


def quoted_line_break(data: bytes, end: int | None = None) -> bool:
    """Whether a quoted cell of ``data[:end]`` may run over a line break: one between an odd quote and the next.

    Split at the quotes, every odd piece is inside quotes (a doubled quote leaves an empty
    piece between). A stray quote inside a cell can only make this say yes: then Python parses.
    (The text is cut at ``end`` only when it holds a quote: a copy of a big file costs a scan of it.)
    """
    if b'"' not in data:
        return False
    if end is not None and end < len(data):
        data = data[:end]
    return any(b"\n" in piece for piece in data.split(b'"')[1::2])


def decoded_text(table: RawTable) -> str:
    """The whole decoded text of a CSV table too large to keep from reading (staging needs it once)."""
    if table.text is not None:
        return table.text
    return _decode(Path(table.path).read_bytes(), table.extra["encoding"])


def _decode(data: bytes, encoding: str) -> str:
    if encoding == "utf-8" and data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    return data.decode(encoding)


def _sniff_delimiter(text: str) -> str:
    """The delimiter under which the first lines split most consistently into several cells."""
    sample = text[:65536]
    best, best_score = ",", (-1, -1)
    for delim in _DELIMITERS:
        counts = [len(r) for _, r in _records(sample, delim, limit=HEADER_SEARCH_ROWS) if len(r) > 1]
        if not counts:
            continue
        mode = max(set(counts), key=counts.count)
        score = (counts.count(mode), mode)
        if score > best_score:
            best, best_score = delim, score
    return best


def _records(text: str, delimiter: str, limit: int | None = None):
    """(first line number, cells) of each CSV record, blank lines included as []."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"')
    line = 1
    try:
        for count, row in enumerate(reader):
            if limit is not None and count >= limit:
                return
            yield line, row
            line = reader.line_num + 1
    except csv.Error:
        return  # a damaged tail: what was read so far still decides the header


def parse_rows(table: RawTable) -> tuple[list[tuple[int, list[str | None]]], list[tuple[int, str]]]:
    """Every non-blank data row of a CSV table with its first line number, and the footer lines under them."""
    if table.rows is not None:
        return table.rows, table.extra.get("skipped", [])
    return _data_rows(decoded_text(table), table.delimiter, table.first_data_line, len(table.headers))


def _data_rows(text: str, delimiter: str, first_data_line: int, width: int):
    rows = []
    for line, cells in _records(text, delimiter):
        if line < first_data_line:
            continue
        values = [text_or_none(c) for c in cells]
        if any(values):
            rows.append((line, values))
    return split_footer(rows, width)
