"""Uploads through the Data page's own functions leave no file behind and write nowhere but the warehouse."""

from __future__ import annotations

import tempfile

import pytest
from security_support import acceptance_files, loaded_warehouse

from ui import imports

LATE = "term,course_code,email,full_name,school,sector,status\nSpring 2018,BEC-18S-01,late@example.org,Zoë Late,Hale,charter,enrolled\n"


def _tree(folder) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_size for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def watched_temp(tmp_path, monkeypatch):
    """Every temporary file of the process goes to a folder the test can look into."""
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    return temp


def test_preview_import_and_refusals_leave_no_file_and_write_only_the_warehouse(db_path, watched_temp, tmp_path):
    loaded_warehouse(db_path, acceptance_files(), locked=True).close()
    outside = _tree(tmp_path)
    uploads = [
        imports.preview_upload("late.csv", LATE.encode("utf-8")),
        imports.preview_upload("late_1252.csv", LATE.replace("late@", "late2@").encode("cp1252")),
        imports.preview_upload("../../etc/cron.d/evil.csv", LATE.replace("late@", "late3@").encode()),
    ]
    refused = [
        imports.preview_upload("empty.csv", b""),
        imports.preview_upload("photo.csv", b"\x89PNG\r\n\x1a\n" + bytes(100)),
        imports.preview_upload("mixed.csv", "a,b\nZoë,x\n".encode() + "José,y\n".encode("cp1252")),
    ]
    assert all(u.importable for u in uploads), [u.error for u in uploads]
    assert all(u.error and u.preview is None for u in refused)
    results = imports.import_uploads(uploads)
    assert [r.loaded for r in results] == [1, 1, 1]
    assert list(watched_temp.iterdir()) == []  # every staged copy removed
    changed = {
        name for name, size in _tree(tmp_path).items() if outside.get(name) != size and not name.startswith("temp")
    }
    assert changed <= {"warehouse.duckdb", "warehouse.duckdb.wal"}, changed
    assert not (tmp_path / "etc").exists()
