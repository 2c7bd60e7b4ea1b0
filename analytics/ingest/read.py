"""Reading export files: bytes -> header row, kind, and data rows with their real line numbers.

Python reads only what it must: the encoding, the delimiter and the lines above
the data (titles, the header, the extra header rows of SurveyMonkey and
Qualtrics). Large CSVs are then scanned by DuckDB itself (see ``stage.py``);
small ones, XLSX sheets and CSVs with quoted line breaks are parsed here so
that every row keeps the line number a user sees in a text editor or Excel.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from analytics.errors import ImportFileError
from analytics.ingest.headers import KINDS, detect_kind, map_headers, missing_required, norm, score_header
from analytics.vocab import parse_term

HEADER_SEARCH_ROWS = 30
KEEP_TEXT_BYTES = 1_000_000  # smaller CSVs keep their decoded text from checking to loading
HEAD_BYTES = (
    1 << 20
)  # what is decoded of a bigger CSV to find its header  # title and note lines above the header are searched this far down
_DELIMITERS = (",", ";", "\t", "|")
_QUALTRICS = {"responseid", "startdate", "enddate", "recordeddate", "distributionchannel", "ipaddress"}
_LIKELIEST = ("enrollments", "surveys", "courses", "schools")  # ties in error hints go to the commonest export
_SURVEYMONKEY_ROW2 = {"response", "openendedresponse", "other", "otherpleasespecify"}


@dataclass
class RawTable:
    """One table of an export (a CSV, or one XLSX sheet) located but not yet loaded."""

    file: str  # name the user knows the file by
    path: str  # where the bytes are
    sheet: str | None
    headers: list[str]
    header_line: int  # 1-based line (or sheet row) of the header
    first_data_line: int  # 1-based line of the first row after the header area
    content_hash: str
    kind: str
    header_map: dict[int, str]
    text: str | None = None  # decoded CSV text (small files), else None
    delimiter: str = ","
    rows: list[tuple[int, list[str | None]]] | None = None  # parsed rows: (line, cells)
    extra: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.file} [{self.sheet}]" if self.sheet else self.file


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
    if not data.strip():
        raise ImportFileError(name, "the file is empty")
    digest = hashlib.sha256(data).hexdigest()
    if data[:4] == b"PK\x03\x04":
        from analytics.ingest.xlsx import read_workbook  # openpyxl is only needed for workbooks

        return read_workbook(path, name, digest, kind, overrides)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ImportFileError(name, "an old Excel .xls workbook; save it as .xlsx or CSV and import that")
    encoding = detect_encoding(data, name)
    size = len(data)
    # Only the head is decoded here: a command checks every file before loading any,
    # and a big file's full text would sit in memory meanwhile.
    small = size < KEEP_TEXT_BYTES or encoding == "utf-16"
    head = data if small else data[: data.rfind(b"\n", 0, HEAD_BYTES) + 1 or HEAD_BYTES]
    del data
    text = _decode(head, encoding)
    delimiter = _sniff_delimiter(text)
    table = locate(name, list(_records(text, delimiter, limit=HEADER_SEARCH_ROWS + 4)), kind, overrides, digest)
    table.path = str(path)
    table.delimiter = delimiter
    table.extra.update(encoding=encoding, size=size)
    table.text = text if small else None
    return [table]


def text_of(table: RawTable) -> str:
    """The decoded text of a CSV table (read again when it was too large to keep)."""
    if table.text is None:
        table.text = _decode(Path(table.path).read_bytes(), table.extra["encoding"])
    return table.text


def _decode(data: bytes, encoding: str) -> str:
    if encoding == "utf-8" and data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    return data.decode(encoding)


def detect_encoding(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252, else Latin-1."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in data[:8192]:
        raise ImportFileError(name, "not a text (CSV) or XLSX file: it holds binary data")
    for encoding in ("utf-8", "cp1252"):
        if _decodes(data, encoding):
            return encoding
    return "latin-1"  # every byte is a Latin-1 character


def _decodes(data: bytes, encoding: str, chunk: int = 1 << 22) -> bool:
    """Whether the bytes are valid in this encoding, checked in chunks (no full copy as text)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    view = memoryview(data)
    try:
        for start in range(0, len(data), chunk):
            decoder.decode(view[start : start + chunk], final=start + chunk >= len(data))
    except UnicodeDecodeError:
        return False
    return True


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


def locate(
    name: str,
    records: list[tuple[int, list]],
    kind: str | None,
    overrides: dict | None,
    digest: str,
    sheet: str | None = None,
    required: bool = True,
) -> RawTable:
    """Find the header row among the first records, the kind, and the first data line."""
    head = records[:HEADER_SEARCH_ROWS]
    chosen = None
    for pos, (_, cells) in enumerate(head):
        headers = [_text(c) or "" for c in cells]
        if _QUALTRICS & {norm(h) for h in headers} and pos + 1 < len(head):
            _relabel_questions(headers, map_headers(headers, kind, overrides), head[pos + 1][1], kind, overrides)
        found = (
            kind if kind and not missing_required(kind, set(map_headers(headers, kind, overrides).values())) else None
        )
        found = found or (None if kind else detect_kind(headers, overrides))
        if found:
            chosen = (pos, headers, found)
            break
    where = f"sheet {sheet!r}: " if sheet else ""
    if chosen is None:
        if not required:
            raise LookupError(name)
        shown = _best_guess(head, overrides)
        if not shown:
            raise ImportFileError(name, f"{where}no header row found (the file has no data)")
        if kind:
            columns = set(map_headers(shown, kind, overrides).values())
            problem = f"missing required column(s) for {kind}: {', '.join(missing_required(kind, columns))}"
        else:
            problem = "not a recognisable export (courses, enrollments, surveys or schools)" + _nearest(
                shown, overrides
            )
        raise ImportFileError(name, f"{where}{problem}; headers found: {', '.join(repr(h) for h in shown)}")
    pos, headers, found = chosen
    header_map = map_headers(headers, found, overrides)
    after = records[pos + 1 :]
    skipped = _tool_rows(headers, header_map, after[:3])
    for offset in range(skipped):
        _relabel_questions(headers, header_map, after[offset][1], found, overrides)
    first_data = after[skipped][0] if len(after) > skipped else (records[pos][0] + 1 + skipped)
    if skipped:
        header_map = map_headers(headers, found, overrides)
    return RawTable(
        file=name,
        path="",
        sheet=sheet,
        headers=headers,
        header_line=records[pos][0],
        first_data_line=first_data,
        content_hash=digest if sheet is None else hashlib.sha256(f"{digest}:{sheet}".encode()).hexdigest(),
        kind=found,
        header_map=header_map,
    )


def _nearest(headers: list[str], overrides: dict | None) -> str:
    """', nearest: enrollments, missing email' when the headers nearly make one kind."""
    options = []
    for kind in KINDS:
        mapped = set(map_headers(headers, kind, overrides).values())
        missing = missing_required(kind, mapped)
        if len(mapped) >= 2 and len(missing) <= 2:
            options.append((len(missing), -len(mapped), _LIKELIEST.index(kind), kind, missing))
    if not options:
        return ""
    *_, kind, missing = min(options)
    return f"; nearest: {kind}, which needs {' and '.join(missing)}"


def _best_guess(head: list[tuple[int, list]], overrides: dict | None) -> list[str]:
    rows = [[_text(c) or "" for c in cells] for _, cells in head if any(_text(c) for c in cells)]
    if not rows:
        return []
    return max(rows, key=lambda r: (score_header(r, overrides), len([c for c in r if c])))


def _tool_rows(headers: list[str], header_map: dict[int, str], following: list[tuple[int, list]]) -> int:
    """How many rows under the header are a survey tool's extra header rows, not answers."""
    qualtrics = bool(_QUALTRICS & {norm(h) for h in headers})
    skipped = 0
    for _, cells in following:
        texts = [_text(c) or "" for c in cells]
        if any(t.lstrip().startswith('{"ImportId"') for t in texts):
            skipped += 1
            continue
        marker = qualtrics or any(norm(t) in _SURVEYMONKEY_ROW2 for t in texts)
        if marker and _looks_like_labels(texts, header_map):
            skipped += 1
            continue
        break
    return skipped


def _looks_like_labels(texts: list[str], header_map: dict[int, str]) -> bool:
    """A row of labels has no term that parses and no email address: it cannot be a response."""
    for pos, canonical in header_map.items():
        value = texts[pos] if pos < len(texts) else ""
        if canonical == "term" and parse_term(value):
            return False
        if canonical in ("email", "leader_email") and "@" in value:
            return False
    return True


def _relabel_questions(headers, header_map, labels, kind, overrides) -> None:
    """Qualtrics names columns Q1, Q2... and puts the question text in the next row: use that text."""
    for pos, label in enumerate(labels):
        text = _text(label)
        if pos < len(headers) and pos not in header_map and text and not text.startswith("{"):
            trial = map_headers([text], kind, overrides)
            if trial and trial[0] not in header_map.values():
                headers[pos] = text


def parse_rows(table: RawTable) -> list[tuple[int, list[str | None]]]:
    """Every non-blank data row of a CSV table with its first line number."""
    rows = []
    for line, cells in _records(text_of(table), table.delimiter):
        if line < table.first_data_line:
            continue
        values = [_text(c) for c in cells]
        if any(values):
            rows.append((line, values))
    return rows


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value)
    return text if text.strip() else None
