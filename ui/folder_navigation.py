"""The one place that knows about Streamlit's folder navigation (the ``pages/`` trap).

The product keeps its page scripts in ``pages/`` beside ``dashboard.py``. Streamlit
takes a ``pages/`` folder next to the entry script as a sign of its older folder-based
navigation: ``PagesManager.uses_pages_directory`` is set from the folder's existence
when the first page manager of a process is built. While it is set, a request for
``/growth`` runs ``pages/growth.py`` on its own, without the frame and its sidebar.
The live server leaves that mode once ``st.navigation`` has run; ``AppTest`` builds a
new page manager for every run and so would start every run in it.

Both workarounds touch Streamlit internals (``streamlit.runtime.pages_manager``), so they
live here and nowhere else:
- ``leave_folder_navigation`` (called first by every page) switches the mode off when a
  page finds itself run bare, so the page reruns inside the frame;
- ``follow_navigation_in_apptest`` makes ``AppTest`` behave like a server that has run
  once (tests and the page benchmark call it).

``tests/test_folder_navigation.py`` fails when a Streamlit upgrade changes the behaviour
worked around, so that these can be removed rather than kept out of habit.
"""

from __future__ import annotations

try:  # an internal module: guarded so that a Streamlit without it still runs the dashboard
    from streamlit.runtime.pages_manager import PagesManager
except ImportError:  # pragma: no cover - a Streamlit without it has no folder navigation to escape
    PagesManager = None


def in_folder_navigation() -> bool:
    """True while Streamlit would run a page script on its own, without the frame."""
    return PagesManager is not None and bool(getattr(PagesManager, "uses_pages_directory", False))


def leave_folder_navigation() -> bool:
    """Switch the folder navigation off for the process; True when it was on (the caller should rerun)."""
    if not in_folder_navigation():
        return False
    PagesManager.uses_pages_directory = False
    return True


def follow_navigation_in_apptest() -> None:
    """Make every later ``AppTest`` run start with the folder navigation off, as on a server that has run once."""
    import streamlit.testing.v1.app_test as app_test_module

    app_test_module.PagesManager = _FrameNavigation


def restore_apptest_default() -> None:
    """Undo ``follow_navigation_in_apptest``: AppTest runs start in the folder navigation again (Streamlit's own)."""
    import streamlit.testing.v1.app_test as app_test_module

    app_test_module.PagesManager = PagesManager


if PagesManager is not None:

    class _FrameNavigation(PagesManager):
        """Streamlit's page manager, with the folder navigation off from the start."""

        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            PagesManager.uses_pages_directory = False
