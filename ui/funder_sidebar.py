"""The funder's sidebar: one of the release's published views, and the term range as a zoom on its rows.

Funders cannot ask for a view the coordinators did not publish. The address uses
the same keys as the coordinators' (``?sector=charter&term_from=...``), so a link
works for both; a funder link naming a view that is not published (two sectors,
a sector and a strand) shows a note and the nearest published view.
"""

from __future__ import annotations

import streamlit as st

from analytics.filters import Filters
from analytics.vocab import Term
from ui import published
from ui.format import escape_markdown
from ui.published import ReleaseInfo
from ui.sidebar_terms import ACTIVE, IN_URL, address, keep_term_range_valid, load_term_range, term_range, write_address
from ui.url import filters_from_query

VIEW_KEY = "flt_view"


def no_release_page() -> None:
    """What a funder sees before the coordinators have published anything: a plain note, no numbers."""
    st.title("Not published yet")
    st.info(
        "The coordinators have not published a release of the collaborative's figures yet. "
        "Once they do, the summary pages appear here. Please check back later.",
        icon=":material/hourglass_empty:",
    )


def _load(release: ReleaseInfo, filters: Filters, terms: list[Term]) -> str | None:
    """Put the address's choice into the widgets; return a note when it named a view that is not published."""
    view, exact = published.view_of(release, filters)
    st.session_state[VIEW_KEY] = view.id
    load_term_range(filters, terms)
    if exact:
        return None
    asked = Filters(filters.sectors, filters.categories).describe()
    return (
        f"This link asks for {asked}, which the coordinators have not published. "
        f"Showing the nearest published view instead: {view.label}."
    )


def _sync(release: ReleaseInfo, terms: list[Term]) -> list[str]:
    asked = address()
    notes: list[str] = []
    first_run = IN_URL not in st.session_state
    if first_run or (asked and asked != st.session_state[IN_URL]):
        parsed = filters_from_query(asked, terms)
        notes += parsed.notices
        note = _load(release, parsed.filters, terms)
        if note:
            notes.append(note)
        st.session_state[IN_URL] = asked
    if st.session_state.get(VIEW_KEY) not in {v.id for v in release.views}:  # a new release dropped the view
        st.session_state[VIEW_KEY] = "all"
    keep_term_range_valid(terms)
    return notes


def _widgets(release: ReleaseInfo, terms: list[Term]) -> Filters:
    view_id = st.selectbox(
        "View",
        [v.id for v in release.views],
        key=VIEW_KEY,
        format_func=lambda v: release.view(v).label,
        help="The views the coordinators published: everything, one sector, or one strand.",
    )
    term_from, term_to = term_range(terms)
    return published.filters_of(release.view(view_id), Filters(term_from=term_from, term_to=term_to))


def _stamp(release: ReleaseInfo, description: str) -> None:
    st.divider()
    st.caption(f"Published figures: {release.stamp}")
    if release.as_of:
        st.caption(f"Data as of {release.as_of:%-d %B %Y, %H:%M} UTC")
    st.caption(f"Viewing as: {description}")


def render(release: ReleaseInfo, description: str) -> Filters:
    """Draw the funder's sidebar, keep the address in step, and return the view's filters with the zoom."""
    terms = published.terms(release)
    notes = _sync(release, terms)
    with st.sidebar:
        st.subheader("View")
        filters = _widgets(release, terms)
        _stamp(release, description)
    write_address(filters)
    st.session_state[ACTIVE] = filters
    for note in notes:
        st.warning(escape_markdown(note), icon=":material/visibility:")
    return filters
