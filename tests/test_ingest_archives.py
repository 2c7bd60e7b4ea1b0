"""ZIP content is judged by content, not by the file's extension: workbooks load, anything else is refused."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest

from analytics import warehouse
from analytics.errors import ImportFileError
from analytics.ingest import ingest_files


def _counts(con) -> dict[str, int]:
    return warehouse.table_counts(con)


def test_a_workbook_renamed_csv_still_loads_as_a_workbook(con, tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["School", "Sector"])
    book.active.append(["Hale Academy", "BPS"])
    path = tmp_path / "schools.csv"
    book.save(path)
    (result,) = ingest_files(con, [path])
    assert (result.kind, result.loaded) == ("schools", 1)


def test_a_zip_that_is_no_workbook_is_refused_and_writes_nothing(con, tmp_path):
    path = tmp_path / "enrollments.csv"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "email,term\n")
    before = _counts(con)
    # the Data page's check, run by the importer too (analytics.security.uploads.check_export)
    with pytest.raises(ImportFileError, match=r"enrollments\.csv: a ZIP archive, not an XLSX workbook"):
        ingest_files(con, [path])
    assert _counts(con) == before


def test_a_zip_bomb_is_refused_before_it_is_expanded(con, tmp_path):
    path = tmp_path / "catalog.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")  # it looks like a workbook: only its size gives it away
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * 50_000_000)
    assert path.stat().st_size < 1_000_000
    with pytest.raises(
        ImportFileError, match=r"catalog\.xlsx: the workbook would expand from .* to 47\.7 MB.*zip bomb"
    ):
        ingest_files(con, [path])
    assert _counts(con)["courses"] == 0
