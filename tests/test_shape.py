"""The project's shape (docs/STYLE.md, "The shape"): analytics/ never imports streamlit; pages hold no SQL."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_analytics_package_never_imports_streamlit():
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "analytics").rglob("*.py")
        if re.search(r"^\s*(import|from)\s+streamlit", path.read_text(encoding="utf-8"), re.M)
    ]
    assert offenders == []


def test_pages_hold_no_sql():
    pattern = re.compile(r"\b(select|group by)\b.*\bfrom\b", re.I)
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "pages").glob("*.py")
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_no_merge_conflict_markers_are_committed():
    import subprocess

    found = subprocess.run(
        ["git", "grep", "-n", "-E", "^(<<<<<<<|>>>>>>>) ", "--", ":!*.png", ":!*.gz", ":!*.xlsx"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert found.stdout == "", found.stdout


def test_a_page_that_only_offers_a_csv_does_not_load_the_pdf_report():
    """The PDF report's libraries take seconds to import; a fresh server's first chart must not wait for them."""
    import subprocess
    import sys

    heavy = ("matplotlib", "fpdf", "openpyxl")
    probe = (
        "import sys, ui.components, analytics.exports as e; "
        f"print([m for m in {heavy!r} if m in sys.modules]); "
        "e.build_report_pdf; "
        f"print([m for m in {heavy!r} if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    before, after = out.strip().splitlines()[-2:]
    assert before == "[]"
    assert "'fpdf'" in after  # the name still resolves, loading the report's modules on first use
