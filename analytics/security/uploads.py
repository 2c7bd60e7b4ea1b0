"""Checks on an export file before anything is read from it: kind by content, encoding; an upload's size; staging.

``check_export`` is the one check of a file's bytes: the importer runs it on every file
(``analytics.ingest.read``), so ``python -m analytics ingest`` and the Data page refuse the
same files with the same one-line message; the page adds the upload size limit first
(``check_upload``). A hostile or broken file is turned away before anything is written:

- empty, or (an upload) over the size limit (``ANALYTICS_UPLOAD_LIMIT_MB``, default 50);
- not a CSV or an XLSX workbook *by its bytes*, whatever its name says (ZIP
  archives that are not workbooks, PDFs, images, programs, databases);
- a workbook that would expand to far more than its size (a "zip bomb");
- text with NUL or control bytes (binary renamed ``.csv``), or that mixes UTF-8
  with another encoding (Excel re-saves of pasted text), which would otherwise
  load with garbled accents.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from analytics.errors import ImportFileError

DEFAULT_LIMIT_MB = 50
LIMIT_ENV = "ANALYTICS_UPLOAD_LIMIT_MB"
MAX_EXPANSION = 100  # an XLSX expands ~5-20x; a bomb by thousands
MAX_UNZIPPED_BYTES = 1_000_000_000
MAX_MEMBERS = 10_000

# Signatures of files people upload by mistake (or on purpose), named in the message.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"MZ", "a Windows program"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an old Excel .xls (or password-protected) workbook; save it as .xlsx or CSV",
    ),
    (b"{\\rtf", "an RTF document"),
)
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_ASCII = bytes(range(0x80))


@dataclass(frozen=True)
class UploadCheck:
    """An accepted upload: what it is by content, and how its text is encoded."""

    name: str
    kind: str  # "csv" or "xlsx"
    size: int
    encoding: str | None  # for CSV: utf-8, utf-16, cp1252 or latin-1


def upload_limit_bytes() -> int:
    """The upload size limit in bytes, from ``ANALYTICS_UPLOAD_LIMIT_MB`` (default 50 MB)."""
    raw = os.environ.get(LIMIT_ENV, "").strip()
    if not raw:
        return DEFAULT_LIMIT_MB * 1024 * 1024
    try:
        megabytes = float(raw)
    except ValueError:
        raise ImportFileError(LIMIT_ENV, f"must be a number of megabytes, not {raw!r}") from None
    if megabytes <= 0:
        raise ImportFileError(LIMIT_ENV, f"must be positive, not {raw!r}")
    return int(megabytes * 1024 * 1024)


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def check_upload(name: str, content: bytes, limit: int | None = None) -> UploadCheck:
    """The Data page's check: the upload size limit, then ``check_export`` (what the command line runs too)."""
    limit = upload_limit_bytes() if limit is None else limit
    if len(content) > limit:
        raise ImportFileError(
            name, f"the file is {_megabytes(len(content))}; the upload limit is {_megabytes(limit)} ({LIMIT_ENV})"
        )
    return check_export(name, content)


def check_export(name: str, content: bytes) -> UploadCheck:
    """Accept ``content`` as a CSV or XLSX export, or raise ImportFileError saying plainly why not.

    The one check of an export's bytes: the importer runs it on every file it reads
    (``analytics.ingest.read``), so the command line and the Data page refuse the same files
    with the same message.
    """
    if not content or content.isspace():  # isspace stops at the first other byte: no copy of a big file
        raise ImportFileError(name, "the file is empty; export it again from its tool")
    if content.startswith(b"PK\x03\x04") or content.startswith(b"PK\x05\x06"):
        _check_workbook(name, content)
        return UploadCheck(name, "xlsx", len(content), None)
    for signature, what in _SIGNATURES:
        if content.startswith(signature):
            raise ImportFileError(name, f"this is {what}, not a CSV or XLSX export (whatever its name says)")
    return UploadCheck(name, "csv", len(content), text_encoding(name, content))


def _check_workbook(name: str, content: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ImportFileError(name, "a damaged ZIP or XLSX file; open it in Excel and save it again") from None
    names = {m.filename for m in members}
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise ImportFileError(name, "a ZIP archive, not an XLSX workbook; unzip it and upload the exports inside")
    if len(members) > MAX_MEMBERS:
        raise ImportFileError(name, f"a workbook with {len(members)} parts; that is not a spreadsheet export")
    if any(m.flag_bits & 0x1 for m in members):
        raise ImportFileError(name, "an encrypted workbook; remove the password in Excel and save it again")
    unzipped = sum(m.file_size for m in members)
    if unzipped > MAX_UNZIPPED_BYTES or unzipped > MAX_EXPANSION * max(len(content), 1):
        raise ImportFileError(
            name,
            f"the workbook would expand from {_megabytes(len(content))} to {_megabytes(unzipped)}; "
            "that is not a normal spreadsheet (refused as a possible zip bomb)",
        )


def _line_of(content: bytes, offset: int) -> int:
    return content.count(b"\n", 0, offset) + 1


def text_encoding(name: str, content: bytes) -> str:
    """The encoding of a CSV export: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252, else Latin-1.

    These are the encodings docs/DATA.md accepts, tried in that order (a strict decode of every
    byte, in chunks, so a large file is never copied as text). Refused: invalid UTF-16, binary
    data (a NUL byte, or control characters once decoded), and text that mixes UTF-8 with
    another encoding, which any single encoding would load with garbled accents.
    """
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        bad = _first_invalid(content, "utf-16")
        if bad is not None:
            raise ImportFileError(name, f"not valid UTF-16 text (byte {bad}); save it again as UTF-8")
        encoding = "utf-16"
    else:
        nul = content.find(b"\x00", 0, 1_000_000)
        if nul >= 0:
            raise ImportFileError(
                name, f"binary data (a NUL byte on line {_line_of(content, nul)}): not a CSV export, whatever its name"
            )
        encoding = _eight_bit_encoding(name, content)
    head = codecs.getincrementaldecoder(encoding)().decode(content[:1_000_000])
    controls = _CONTROL.findall(head)
    if len(controls) > 8:
        raise ImportFileError(name, f"binary data ({len(controls)} control characters): not a CSV export")
    return encoding


def _eight_bit_encoding(name: str, content: bytes) -> str:
    bad = _first_invalid(content, "utf-8")
    if bad is None:
        return "utf-8"
    multibyte = _utf8_sequence(content)
    if multibyte:
        raise ImportFileError(
            name,
            f"mixes two text encodings: UTF-8 on line {_line_of(content, multibyte.start())} but not on line "
            f"{_line_of(content, bad)}; open it in a spreadsheet and save it again as CSV UTF-8",
        )
    # Latin-1 reads every byte (docs/DATA.md accepts it); garbage then shows as control characters.
    return "cp1252" if _first_invalid(content, "cp1252") is None else "latin-1"


def _utf8_sequence(content: bytes) -> re.Match | None:
    """The first well-formed UTF-8 multibyte sequence in ``content``, or None.

    A sequence is made of bytes of 0x80 and above only, so it survives when every ASCII byte is
    deleted: the (C-speed) deletion leaves a few kilobytes of an 8-bit export, and only when the
    regular expression finds a sequence in those is the whole file searched (the deletion joins
    bytes that stood apart, so a sequence found there may be none in the file).
    """
    if not _UTF8_MULTIBYTE.search(content.translate(None, _ASCII)):
        return None
    return _UTF8_MULTIBYTE.search(content)


def _first_invalid(content: bytes, encoding: str, chunk: int = 1 << 22) -> int | None:
    """The offset of the first byte that is not valid ``encoding``, or None; checked in chunks (no copy as text)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    view = memoryview(content)
    for start in range(0, len(content), chunk):
        try:
            decoder.decode(view[start : start + chunk], final=start + chunk >= len(content))
        except UnicodeDecodeError as exc:
            return start + exc.start
    return None


@contextmanager
def staged_upload(
    name: str, content: bytes, folder: str | os.PathLike | None = None, kind: str | None = None
) -> Iterator[Path]:
    """Write an upload into a new private folder (mode 700) and remove folder and file afterwards, whatever happens.

    Only the base name of ``name`` is kept, with anything but letters, digits, dot,
    dash, underscore and space replaced, so a name like ``../../x`` cannot choose
    where the file lands. ``kind`` (from ``check_upload``) fixes a misleading
    extension, so a workbook saved as ``.csv`` reaches the importer as ``.xlsx``.
    """
    safe = re.sub(r"[^\w.\- ]+", "_", Path(name.replace("\\", "/")).name).strip(" .") or "upload"
    if kind and not safe.lower().endswith("." + kind):
        safe += "." + kind
    private = Path(tempfile.mkdtemp(prefix="upload-", dir=folder))
    try:
        target = private / safe
        target.write_bytes(content)
        yield target
    finally:
        shutil.rmtree(private, ignore_errors=True)
