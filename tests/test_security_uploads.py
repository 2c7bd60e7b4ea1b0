"""Hostile and broken uploads: each refused with a clear message before anything is written; hostile text loads as text."""

from __future__ import annotations

import csv
import io
import os
import zipfile
from pathlib import Path

import pytest
from security_support import HOSTILE, acceptance_files, canonical_rows, loaded_warehouse

from analytics import exports, ingest
from analytics.errors import AnalyticsError, ImportFileError
from analytics.filters import Filters
from analytics.security import check_upload, staged_upload, upload_limit_bytes

GOOD = "term,course_code,email,first_name,last_name,status\nSpring 2018,BEC-18S-01,a@b.org,Zoë,Núñez,completed\n"
PAYLOADS = (HOSTILE / "payloads.txt").read_text(encoding="utf-8").splitlines()


def zip_bomb(expanded_mb: int = 200) -> bytes:
    """A ZIP that looks like an XLSX and expands from a few hundred KB to ``expanded_mb`` MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            block = b"0" * (1024 * 1024)
            for _ in range(expanded_mb):
                sheet.write(block)
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("registrations.csv", GOOD)
    return buffer.getvalue()


MIXED = "email,first_name\nzoe@b.org,Zoë\n".encode() + "jose@b.org,José\n".encode("cp1252")
# a large Windows-1252 export whose one UTF-8 sequence stands far from its first 8-bit byte
MIXED_LATE = "email,name\na@b.org,José\n".encode("cp1252") + b"x@b.org,Jones\n" * 50_000 + "z@b.org,Zoë\n".encode()

REFUSED = {
    "empty.csv": (b"", "empty"),
    "zip_bomb.xlsx": (zip_bomb(), "zip bomb"),
    "renamed_bomb.csv": (zip_bomb(), "zip bomb"),
    "archive.csv": (plain_zip(), "a ZIP archive, not an XLSX"),
    "damaged.xlsx": (b"PK\x03\x04" + os.urandom(2000), "damaged"),
    "photo.csv": (b"\x89PNG\r\n\x1a\n" + os.urandom(500), "a PNG image"),
    "report.csv": (b"%PDF-1.7\n" + os.urandom(500), "a PDF document"),
    "program.csv": (b"\x7fELF\x02\x01\x01" + os.urandom(500), "a program"),
    "warehouse.csv": (b"SQLite format 3\x00" + bytes(500), "an SQLite database"),
    "old.xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "old Excel"),
    "random.csv": (bytes(range(1, 256)) * 40 + b"\x00", "binary data"),
    "controls.csv": (b"email\n" + b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 10, "control characters"),
    "mixed.csv": (MIXED, "mixes two text encodings"),
    "mixed_late.csv": (MIXED_LATE, "UTF-8 on line 50003 but not on line 2"),
    "bad_utf16.csv": (b"\xff\xfe" + b"a\x00\x00\xd8", "not valid UTF-16"),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_hostile_upload_is_refused_with_a_clear_message(name):
    content, reason = REFUSED[name]
    with pytest.raises(ImportFileError) as raised:
        check_upload(name, content, limit=10 * 1024 * 1024)
    message = str(raised.value)
    assert message.startswith(f"{name}: ")
    assert reason in message
    assert "\n" not in message and len(message) < 300


def test_over_the_limit_names_size_and_setting(monkeypatch):
    monkeypatch.setenv("ANALYTICS_UPLOAD_LIMIT_MB", "0.01")
    assert upload_limit_bytes() == 10485
    with pytest.raises(ImportFileError, match=r"big.csv: the file is 0\.0 MB; the upload limit is .*ANALYTICS_UPLOAD"):
        check_upload("big.csv", GOOD.encode() * 200)
    monkeypatch.setenv("ANALYTICS_UPLOAD_LIMIT_MB", "lots")
    with pytest.raises(AnalyticsError, match="number of megabytes"):
        upload_limit_bytes()
    monkeypatch.delenv("ANALYTICS_UPLOAD_LIMIT_MB")
    assert upload_limit_bytes() == 50 * 1024 * 1024


@pytest.mark.parametrize(
    ("content", "encoding"),
    [
        (GOOD.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + GOOD.encode("utf-8"), "utf-8"),
        (GOOD.encode("utf-16"), "utf-16"),
        (GOOD.encode("cp1252"), "cp1252"),
        ("email,name\na@b.org,Ça ‘va’ — €\n".encode("cp1252"), "cp1252"),
        # é, then © twice further on: with the ASCII between them taken out, E9 A9 A9 is UTF-8's "驩",
        # which the file itself does not hold: still one encoding, not two mixed
        ("email,name\na@b.org,José ©©\n".encode("cp1252"), "cp1252"),
    ],
)
def test_real_exports_in_every_common_encoding_pass(content, encoding):
    checked = check_upload("registrations.csv", content)
    assert (checked.kind, checked.encoding, checked.size) == ("csv", encoding, len(content))


def test_a_real_workbook_passes_by_content_whatever_its_name(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["term", "course_code", "email"])
    book.save(tmp_path / "x.xlsx")
    data = (tmp_path / "x.xlsx").read_bytes()
    assert check_upload("catalog.csv", data).kind == "xlsx"
    assert check_upload("catalog.xlsx", data).kind == "xlsx"


def test_staged_upload_is_private_confined_and_removed(tmp_path):
    with staged_upload("../../etc/passwd", b"x", folder=tmp_path) as path:
        assert path.parent.parent == tmp_path and path.name == "passwd"
        assert oct(path.parent.stat().st_mode & 0o777) == "0o700"
        assert path.read_bytes() == b"x"
    assert not path.exists() and list(tmp_path.iterdir()) == []
    with pytest.raises(RuntimeError), staged_upload("..\\..\\win.csv", b"y", folder=tmp_path) as path:
        assert path.name == "win.csv"
        raise RuntimeError("import failed")
    assert list(tmp_path.iterdir()) == []  # removed even when the import fails
    with staged_upload("catalog.csv", b"PK", folder=tmp_path, kind="xlsx") as path:
        assert path.name == "catalog.csv.xlsx"  # the importer picks its reader by what the file is


@pytest.mark.parametrize("name", ["empty.csv", "renamed_bomb.csv", "mixed.csv", "photo.csv", "random.csv"])
def test_refused_uploads_change_nothing_in_the_warehouse(db_path, tmp_path, name):
    con = loaded_warehouse(db_path, locked=True)
    before = canonical_rows(con)
    content, _ = REFUSED[name]
    with pytest.raises(AnalyticsError), staged_upload(name, content, folder=tmp_path) as path:
        check_upload(name, content)
        ingest.ingest_files(con, [path])  # never reached
    assert canonical_rows(con) == before
    con.close()


def _hostile_files() -> list[Path]:
    return sorted(HOSTILE.glob("*.csv"))


def _column(file: str, column: str) -> set[str]:
    with (HOSTILE / file).open(encoding="utf-8", newline="") as handle:
        return {row[column] for row in csv.DictReader(handle) if row[column]}


def test_hostile_corpus_loads_every_payload_as_plain_text(db_path):
    con = loaded_warehouse(db_path, [*acceptance_files(), *_hostile_files()], locked=True)
    for path in _hostile_files():
        check_upload(path.name, path.read_bytes())

    def values(sql: str) -> set[str]:
        return {v for (v,) in con.execute(sql).fetchall() if v}

    stored = {
        "titles": values("select course_title from courses"),
        "names": values("select full_name from people"),
        "schools": values("select school from enrollments") | values("select school from schools"),
        "comments": values("select comments from survey_responses"),
    }
    source = {
        "titles": _column("courses_hostile.csv", "course_title"),
        "names": _column("enrollments_hostile.csv", "first_name") | _column("courses_hostile.csv", "leader_name"),
        "schools": _column("enrollments_hostile.csv", "school") | _column("schools_hostile.csv", "school"),
        "comments": _column("surveys_hostile.csv", "comments"),
    }
    assert source["titles"] <= stored["titles"]
    assert source["schools"] <= stored["schools"]
    assert source["comments"] <= stored["comments"]
    for name in source["names"]:  # a first name is stored joined to the last name
        assert any(full.startswith(name) for full in stored["names"]), name
    assert set(PAYLOADS) <= source["comments"] and set(PAYLOADS) <= source["schools"]
    assert con.execute("select count(*) from people").fetchone()[0] > 40  # no payload dropped a table
    con.close()


def test_hostile_cells_never_export_as_formulas(db_path):
    con = loaded_warehouse(db_path, [*acceptance_files(), *_hostile_files()])
    made = exports.export_table(con, "course_mix", Filters(), "csv")
    con.close()
    cells = [cell for row in csv.reader(io.StringIO(made.data.decode("utf-8-sig"))) for cell in row]
    assert any("cmd|" in cell for cell in cells)  # the payloads are exported...
    for cell in cells:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or _is_number(cell), cell  # ...never as formulas


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


HOSTILE_HEADERS = [
    'email"; drop table people; --',
    "course_code) values (1); --",
    "<img src=x onerror=alert(1)>",
    "=cmd|' /C calc'!A0",
]


def test_hostile_headers_are_only_names_never_sql(db_path, tmp_path):
    con = loaded_warehouse(db_path, locked=True)
    before = canonical_rows(con)
    upload = tmp_path / "registrations.csv"
    upload.write_text(
        "term,course_code,email,full_name," + ",".join(f'"{h}"' for h in HOSTILE_HEADERS) + "\n"
        "Spring 2018,BEC-18S-01,new.teacher@example.org,New Teacher,a,b,c,d\n",
        encoding="utf-8",
    )
    check_upload(upload.name, upload.read_bytes())
    results = ingest.ingest_files(con, [upload])
    assert sum(r.loaded for r in results) == 1  # the known columns load; the hostile ones are ignored
    after = canonical_rows(con)
    assert len(after["enrollments"]) == len(before["enrollments"]) + 1
    assert len(after["people"]) == len(before["people"]) + 1
    only_hostile = tmp_path / "only_hostile.csv"
    only_hostile.write_text(",".join(f'"{h}"' for h in HOSTILE_HEADERS) + "\na,b,c,d\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as raised:
        ingest.ingest_files(con, [only_hostile])
    assert str(raised.value).startswith("only_hostile.csv: ") and "\n" not in str(raised.value)
    assert canonical_rows(con) == after
    con.close()


@pytest.mark.parametrize(
    "name", ["empty.csv", "renamed_bomb.csv", "archive.csv", "photo.csv", "old.xls", "random.csv", "mixed.csv"]
)
def test_the_data_page_and_the_command_line_refuse_a_bad_file_with_the_same_line(tmp_path, capsys, name):
    """One check of a file's bytes (``check_export``) for both ways in: the same one-line error, naming the file."""
    from analytics import cli
    from ui import imports

    content, reason = REFUSED[name]
    page = imports.preview_upload(name, content)
    assert page.preview is None and page.error
    path = tmp_path / name
    path.write_bytes(content)
    capsys.readouterr()  # what the page step logged (Streamlit's note about running without a server) is not the CLI's
    assert cli.main(["ingest", "--db", str(tmp_path / "warehouse.duckdb"), str(path)]) == 2
    printed = capsys.readouterr().err.strip()
    assert printed == f"error: {page.error}"
    assert page.error.startswith(f"{name}: ") and reason in page.error and "\n" not in page.error
