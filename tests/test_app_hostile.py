"""Text from the data is never rendered as markdown or HTML: every page over the hostile corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import ROOT, build_warehouse, errors, open_numbers, open_page, run_app

from ui.navigation import PAGES

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
RAW_PAYLOADS = ("<script", "<img", "<svg", "<iframe", "](javascript:", "![tracker]", ":red[", "\\href")


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    files = sorted(HOSTILE.glob("*_hostile.csv"))
    assert files, "the hostile corpus is missing"
    return build_warehouse(tmp_path_factory.mktemp("hostile") / "warehouse.duckdb", files)


def _rendered_texts(at) -> list[str]:
    """Every string the page hands to Streamlit's markdown renderer."""
    texts = []
    for kind in ("markdown", "caption", "title", "header", "subheader", "info", "warning", "success", "error"):
        texts += [str(element.value) for element in at.get(kind)]
    texts += [e.label for e in at.expander] + [m.label for m in at.metric] + [b.label for b in at.button]
    return texts


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.url_path)
def test_pages_show_hostile_text_only_as_text(hostile_db, monkeypatch, page):
    monkeypatch.setenv("ANALYTICS_DB", str(hostile_db))
    at = open_numbers(open_page(run_app(), page.url_path), required=False)
    if page.url_path == "people":
        at.text_input(key="people_search").input("hostile").run()
    assert errors(at) == []
    leaked = [text for text in _rendered_texts(at) if any(p in text for p in RAW_PAYLOADS)]
    assert leaked == []


def test_the_hostile_text_is_there_as_plain_table_cells(hostile_db, monkeypatch):
    monkeypatch.setenv("ANALYTICS_DB", str(hostile_db))
    at = open_page(run_app(), "courses")
    cells = " ".join(frame.value.to_csv() for frame in at.dataframe)
    assert "<script>window.__xss='script'</script>" in cells  # loaded and shown verbatim, as text
