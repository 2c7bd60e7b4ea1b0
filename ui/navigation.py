"""The dashboard's pages, their sections, and who sees them.

Every page has a ``url_path`` that differs from its file's name on purpose:
a ``pages/`` folder beside the entry script switches on Streamlit's older
folder navigation for the first run of a process (and for every run under
AppTest), which would run ``pages/growth.py`` for ``/growth`` *without* the
frame. With a different url path the old navigation finds no such page, falls
back to ``dashboard.py``, and ``st.navigation`` picks the page inside the frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from ui.role import Role

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
    url_path: str
    section: str
    coordinators_only: bool = False
    default: bool = False

    @property
    def path(self) -> Path:
        return ROOT / self.script


PAGES: tuple[PageDef, ...] = (
    PageDef("pages/overview_page.py", "Overview", ":material/insights:", "overview", FUNDERS, default=True),
    PageDef("pages/growth_page.py", "Growth and reach", ":material/trending_up:", "growth", FUNDERS),
    PageDef("pages/returning_page.py", "Returning participants", ":material/autorenew:", "returning", FUNDERS),
    PageDef("pages/pipeline_page.py", "Leader pipeline", ":material/school:", "pipeline", FUNDERS),
    PageDef("pages/exchange_page.py", "Cross-sector exchange", ":material/diversity_3:", "exchange", FUNDERS),
    PageDef("pages/courses_page.py", "Courses and surveys", ":material/menu_book:", "courses", COORDINATORS, True),
    PageDef("pages/people_page.py", "People", ":material/person_search:", "people", COORDINATORS, True),
    PageDef("pages/data_page.py", "Data", ":material/upload_file:", "data", COORDINATORS, True),
    PageDef("pages/exports_page.py", "Exports", ":material/download:", "exports", EXPORTS),
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
