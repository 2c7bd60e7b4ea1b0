"""The ``pages/`` trap is worked around in one place, and only while Streamlit still sets it.

If a Streamlit upgrade stops switching to folder navigation when ``pages/`` sits beside
the entry script, ``test_streamlit_still_takes_a_pages_folder_for_folder_navigation``
fails: then remove ui/folder_navigation.py's workarounds instead of carrying them on.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Where Streamlit keeps its navigation state: only ui/folder_navigation.py may reach into it.
PRIVATE = re.compile(r"streamlit\.runtime\.pages_manager|streamlit\.testing\.v1\.app_test\b|\bPagesManager\b")
ALLOWED = {Path("ui/folder_navigation.py"), Path("tests/test_folder_navigation.py")}

PROBE = """
import sys
from streamlit.runtime.pages_manager import PagesManager
PagesManager.uses_pages_directory = None
PagesManager(sys.argv[1])
print(PagesManager.uses_pages_directory)
"""


def _uses_pages_directory(entry: Path) -> str:
    # A fresh interpreter: the flag is process-wide and other tests set it.
    done = subprocess.run([sys.executable, "-c", PROBE, str(entry)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_streamlit_still_takes_a_pages_folder_for_folder_navigation(tmp_path):
    assert (ROOT / "pages").is_dir()
    assert _uses_pages_directory(ROOT / "dashboard.py") == "True", (
        "Streamlit no longer switches to folder navigation because of pages/: "
        "remove the workarounds in ui/folder_navigation.py"
    )
    (tmp_path / "app.py").write_text("import streamlit as st\n", encoding="utf-8")
    assert _uses_pages_directory(tmp_path / "app.py") == "False"  # the probe itself can tell the two apart


def test_the_workaround_switches_folder_navigation_off():
    from ui import folder_navigation

    manager = folder_navigation.PagesManager
    saved = manager.uses_pages_directory
    try:
        manager.uses_pages_directory = True
        assert folder_navigation.in_folder_navigation()
        assert folder_navigation.leave_folder_navigation() is True
        assert not folder_navigation.in_folder_navigation()
        assert folder_navigation.leave_folder_navigation() is False
    finally:
        manager.uses_pages_directory = saved


def test_nothing_else_touches_streamlit_navigation_internals():
    offenders = []
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in {".venv", "build", "dist"} or relative in ALLOWED:
            continue
        if PRIVATE.search(path.read_text(encoding="utf-8")):
            offenders.append(str(relative))
    assert offenders == []
