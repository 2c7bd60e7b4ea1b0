"""The shared sidebar: sector, strand and term filters kept in the address, a reset, the as-of stamp.

The address is the source of truth when a session starts or when a link with
other filters is followed; after that the widgets are, and every run writes
them back to the address, so a page change (which clears the query string)
keeps the filters and a copied link reproduces the view.

Coordinators filter live data freely. Funders get ``ui.funder_sidebar``
instead: only the views of the latest published release, and a plain page
(no numbers, no terms) while there is none.
"""

from __future__ import annotations

import streamlit as st

from analytics.filters import Filters
from analytics.security import Role
from analytics.vocab import CATEGORIES, CATEGORY_LABELS, SECTOR_LABELS, SECTORS, Term
from ui import data
from ui.format import escape_markdown
from ui.sidebar_terms import (
    ACTIVE,
    IN_URL,
    address,
    keep_term_range_valid,
    load_term_range,
    term_range,
    write_address,
)
from ui.url import filters_from_query

SECTORS_KEY = "flt_sectors"
CATEGORIES_KEY = "flt_categories"


def _sector_label(code: str) -> str:
    return SECTOR_LABELS.get(code, code)


def _category_label(code: str) -> str:
    return CATEGORY_LABELS.get(code, code)


def _load(filters: Filters, terms: list[Term]) -> None:
    """Put ``filters`` into the widgets' state (before the widgets are drawn)."""
    st.session_state[SECTORS_KEY] = list(filters.sectors or ())
    st.session_state[CATEGORIES_KEY] = list(filters.categories or ())
    load_term_range(filters, terms)


def _reset() -> None:
    _load(Filters(), data.terms())
    st.query_params.clear()
    st.session_state[IN_URL] = {}


def _sync_from_address(terms: list[Term]) -> tuple[str, ...]:
    """Load filters from the address when it should win; return notices about what it held that was ignored."""
    asked = address()
    first_run = IN_URL not in st.session_state
    if first_run or (asked and asked != st.session_state[IN_URL]):
        parsed = filters_from_query(asked, terms)
        _load(parsed.filters, terms)
        st.session_state[IN_URL] = asked
        return parsed.notices
    keep_term_range_valid(terms)
    return ()


def _widgets(terms: list[Term]) -> Filters:
    sectors = st.multiselect("Sector", SECTORS, key=SECTORS_KEY, format_func=_sector_label, placeholder="All sectors")
    categories = st.multiselect(
        "Strand", CATEGORIES, key=CATEGORIES_KEY, format_func=_category_label, placeholder="All strands"
    )
    term_from, term_to = term_range(terms)
    st.button("Reset filters", on_click=_reset, icon=":material/restart_alt:", width="stretch")
    return Filters(tuple(sectors) or None, tuple(categories) or None, term_from, term_to)


def render(role: Role) -> Filters:
    """Draw the shared sidebar, keep the address in step, and return the filters every page uses."""
    if not role.is_coordinator:
        from ui import funder_sidebar, published

        release = published.latest()
        if release is None:
            funder_sidebar.no_release_page()
            st.stop()
        return funder_sidebar.render(release, role.description)
    terms = data.terms()
    notices = _sync_from_address(terms)
    with st.sidebar:
        st.subheader("Filters")
        filters = _widgets(terms)
        _stamp(role)
    write_address(filters)
    st.session_state[ACTIVE] = filters
    if notices:
        st.warning(
            "Part of this link was not understood:\n\n" + "\n".join(f"- {escape_markdown(n)}" for n in notices),
            icon="⚠️",
        )
    return filters


def _stamp(role: Role) -> None:
    as_of = data.as_of()
    st.divider()
    if as_of is None:
        st.caption("No data loaded yet.")
    else:
        st.caption(f"Data as of {as_of:%-d %B %Y, %H:%M} UTC")
    st.caption(f"Viewing as: {role.description}")


def current_filters() -> Filters:
    """The filters chosen in the sidebar for this run (no filter before the sidebar is drawn)."""
    return st.session_state.get(ACTIVE, Filters())
