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
