"""The Data page through the real frame: upload -> preview -> import -> every page sees it -> undo reverses it."""

from __future__ import annotations

import pytest
from app_support import ACCEPTANCE_EXPORTS, ROOT, errors, open_page, run_app

from ui import imports


@pytest.fixture(autouse=True)
def empty(tmp_path, monkeypatch):
    path = tmp_path / "warehouse.duckdb"
    monkeypatch.setenv("ANALYTICS_DB", str(path))
    return path


def _upload(*names: str) -> list[tuple[str, bytes, str]]:
    return [(name, (ACCEPTANCE_EXPORTS / name).read_bytes(), "text/csv") for name in names]


def _button(at, label_start: str):
    matches = [b for b in at.button if b.label.startswith(label_start)]
    assert matches, f"no button starting {label_start!r}: {[b.label for b in at.button]}"
    return matches[0]


def test_upload_preview_import_and_undo(empty):
    at = open_page(run_app(), "data")
    at.get("file_uploader")[0].set_value(_upload("enrollments_fall_2018.csv", "courses.csv")).run()
    assert errors(at) == []
    # Previewed, nothing written yet: one expander per file naming the detected kind.
    labels = [e.label.replace("\\", "") for e in at.expander]  # labels are markdown-escaped file names
    assert any(label.startswith("courses.csv: courses") for label in labels)
    assert any(label.startswith("enrollments_fall_2018.csv: enrollments") for label in labels)
    assert imports.history().empty

    _button(at, "Import 2 files").click().run()
    assert errors(at) == []
    assert any("Imported" in s.value for s in at.success)
    batches = imports.history()
    # the catalog loads first, whatever order the files were given in
    assert list(batches.sort_values("batch_id")["kind"]) == ["courses", "enrollments"]
    assert at.get("file_uploader")[0].value in (None, [])  # the uploader is cleared for the next files

    # Every page sees the import at once (the cache is keyed by the data version).
    overview = open_page(at, "overview")
    assert [m.label for m in overview.metric][:1] == ["Participants"]
    assert overview.metric[0].value not in ("0", "–")

    at = open_page(overview, "data")
    newest = int(batches["batch_id"].max())
    assert _button(at, "Undo batch").label == f"Undo batch {newest}"  # the newest is offered first
    _button(at, "Undo batch").click().run()
    assert errors(at) == []
    assert any(f"Undid batch {newest}" in s.value for s in at.success)
    after = imports.history().set_index("batch_id")
    assert after.loc[newest, "undone_at"] is not None and str(after.loc[newest, "undone_at"]) != "NaT"
    assert imports.rejected(newest).empty

    overview = open_page(at, "overview")
    assert any("Nothing matches" in i.value or "nothing to show" in i.value for i in overview.info)


def test_a_file_that_is_not_an_export_is_refused_with_its_name(empty):
    at = open_page(run_app(), "data")
    at.get("file_uploader")[0].set_value(("notes.csv", b"hello,world\n1,2\n", "text/csv")).run()
    assert [e for e in at.exception] == []
    refusal = " ".join(e.value for e in at.error).replace("\\", "")  # markdown escapes are not shown
    assert "notes.csv" in refusal
    assert _button(at, "Import 0 files").disabled
    assert imports.history().empty


def test_rejected_rows_are_shown_before_and_after_import(empty):
    bad = b"term,course_code,email,full_name,status\nSpring 2018,BEC-18S-01,,No Email,enrolled\n"
    at = open_page(run_app(), "data")
    at.get("file_uploader")[0].set_value([*_upload("courses.csv"), ("bad_rows.csv", bad, "text/csv")]).run()
    assert errors(at) == []
    assert any("1** would be rejected" in m.value for m in at.markdown)
    _button(at, "Import 2 files").click().run()
    rejected = imports.rejected()
    assert list(rejected["file_name"]) == ["bad_rows.csv"]
    assert int(rejected["line_no"].iloc[0]) == 2


def test_an_excel_workbook_imports_every_sheet(empty):
    workbook = ROOT / "data" / "sample" / "course_catalog.xlsx"  # two sheets: the catalog and the schools
    at = open_page(run_app(), "data")
    mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    at.get("file_uploader")[0].set_value(("course_catalog.xlsx", workbook.read_bytes(), mime)).run()
    assert errors(at) == []
    assert any("sheets to import" in c.value for c in at.caption)
    _button(at, "Import 1 file").click().run()
    assert errors(at) == []
    kinds = set(imports.history()["kind"])
    assert kinds == {"courses", "schools"}
