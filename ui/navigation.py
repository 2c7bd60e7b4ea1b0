"""The dashboard's pages, their sections, and who sees them; and keeping every page inside the frame.

A page started by Streamlit's folder navigation runs without ``dashboard.py``
(see ui/folder_navigation.py for the trap). ``ensure_frame`` (first thing every
page does) notices that and reruns through the frame. Each page's ``url_path`` is
its file's name, so the folder navigation finds the page (no "page not found"
box) and the rerun lands on the same page inside ``st.navigation``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from analytics.security import Role
from ui.folder_navigation import leave_folder_navigation

ROOT = Path(__file__).resolve().parent.parent
FUNDERS = "For funders"
COORDINATORS = "For coordinators"
EXPORTS = "Exports"


@dataclass(frozen=True)
class PageDef:
    """One page: its script, title, icon, address, section and audience."""

    script: str  # relative to the repository root
    title: str
    icon: str
    section: str
    coordinators_only: bool = False
    default: bool = False

    @property
    def path(self) -> Path:
        return ROOT / self.script

    @property
    def url_path(self) -> str:
        """The page's name in addresses: its file's name (see the module docstring for why they must match)."""
        return Path(self.script).stem

    @property
    def address(self) -> str:
        """Where a browser finds the page: the default page lives at the root."""
        return "" if self.default else self.url_path


PAGES: tuple[PageDef, ...] = (
    PageDef("pages/overview.py", "Overview", ":material/insights:", FUNDERS, default=True),
    PageDef("pages/growth.py", "Growth and reach", ":material/trending_up:", FUNDERS),
    PageDef("pages/returning.py", "Returning participants", ":material/autorenew:", FUNDERS),
    PageDef("pages/pipeline.py", "Leader pipeline", ":material/school:", FUNDERS),
    PageDef("pages/exchange.py", "Cross-sector exchange", ":material/diversity_3:", FUNDERS),
    PageDef("pages/courses.py", "Courses and surveys", ":material/menu_book:", COORDINATORS, True),
    PageDef("pages/people.py", "People", ":material/person_search:", COORDINATORS, True),
    PageDef("pages/data.py", "Data", ":material/upload_file:", COORDINATORS, True),
    PageDef("pages/exports.py", "Exports", ":material/download:", EXPORTS),
)
BY_URL = {page.url_path: page for page in PAGES}


def visible_pages(role: Role) -> list[PageDef]:
    """The pages a role may open (funders never see the coordinator pages)."""
    return [page for page in PAGES if role.is_coordinator or not page.coordinators_only]


def navigation(role: Role) -> dict[str, list[st.Page]]:
    """Sections of ``st.Page`` objects for ``st.navigation``."""
    sections: dict[str, list[st.Page]] = {}
    for page in visible_pages(role):
        sections.setdefault(page.section, []).append(
            st.Page(page.path, title=page.title, icon=page.icon, url_path=page.url_path, default=page.default)
        )
    return sections


def link_target(url_path: str) -> str:
    """What ``st.page_link`` takes for a page: its script, relative to the entry script."""
    return BY_URL[url_path].script


def ensure_frame() -> None:
    """Rerun through ``dashboard.py`` when a page was started by the folder navigation instead of the frame.

    The frame's ``st.navigation`` switches the folder navigation off for the
    process before it runs a page, so a page that finds it still on was run bare.
    """
    if leave_folder_navigation():
        st.rerun()
