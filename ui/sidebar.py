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
from ui.url import QUERY_KEYS, filters_from_query, query_from_filters

SECTORS_KEY = "flt_sectors"
CATEGORIES_KEY = "flt_categories"
TERM_FROM_KEY = "flt_term_from"
TERM_TO_KEY = "flt_term_to"
_IN_URL = "_flt_in_url"  # the query we last wrote: a different one in the address means a followed link
_ACTIVE = "_flt_active"


def _sector_label(code: str) -> str:
    return SECTOR_LABELS.get(code, code)


def _category_label(code: str) -> str:
    return CATEGORY_LABELS.get(code, code)


def _load(filters: Filters, terms: list[Term]) -> None:
    """Put ``filters`` into the widgets' state (before the widgets are drawn)."""
    st.session_state[SECTORS_KEY] = list(filters.sectors or ())
    st.session_state[CATEGORIES_KEY] = list(filters.categories or ())
    if terms:
        st.session_state[TERM_FROM_KEY] = (filters.term_from or terms[0]).label
        st.session_state[TERM_TO_KEY] = (filters.term_to or terms[-1]).label
    else:
        st.session_state.pop(TERM_FROM_KEY, None)
        st.session_state.pop(TERM_TO_KEY, None)


def _reset() -> None:
    _load(Filters(), data.terms())
    st.query_params.clear()
    st.session_state[_IN_URL] = {}


def _address() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in QUERY_KEYS if st.query_params.get_all(key)}


def _sync_from_address(terms: list[Term]) -> tuple[str, ...]:
    """Load filters from the address when it should win; return notices about what it held that was ignored."""
    address = _address()
    first_run = _IN_URL not in st.session_state
    if first_run or (address and address != st.session_state[_IN_URL]):
        parsed = filters_from_query(address, terms)
        _load(parsed.filters, terms)
        st.session_state[_IN_URL] = address
        return parsed.notices
    # The term list can change under a session (an import or undo): keep the range valid.
    labels = [t.label for t in terms]
    if terms and st.session_state.get(TERM_FROM_KEY) not in labels:
        st.session_state[TERM_FROM_KEY] = labels[0]
    if terms and st.session_state.get(TERM_TO_KEY) not in labels:
        st.session_state[TERM_TO_KEY] = labels[-1]
    return ()


def _widgets(terms: list[Term]) -> Filters:
    sectors = st.multiselect("Sector", SECTORS, key=SECTORS_KEY, format_func=_sector_label, placeholder="All sectors")
    categories = st.multiselect(
        "Strand", CATEGORIES, key=CATEGORIES_KEY, format_func=_category_label, placeholder="All strands"
    )
    term_from = term_to = None
    if terms:
        labels = [t.label for t in terms]
        by_label = {t.label: t for t in terms}
        low = by_label[st.selectbox("From term", labels, key=TERM_FROM_KEY)]
        high = by_label[st.selectbox("To term", labels, key=TERM_TO_KEY)]
        if low > high:  # chosen backwards: read it the right way round rather than show nothing
            low, high = high, low
        # The ends of the data are "no filter", so links stay short and new terms are included.
        term_from = low if low != terms[0] else None
        term_to = high if high != terms[-1] else None
    st.button("Reset filters", on_click=_reset, icon=":material/restart_alt:", width="stretch")
    return Filters(tuple(sectors) or None, tuple(categories) or None, term_from, term_to)


def _write_address(filters: Filters) -> None:
    wanted = query_from_filters(filters)
    if _address() != wanted:
        st.query_params.from_dict(wanted)
    st.session_state[_IN_URL] = wanted


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
    _write_address(filters)
    st.session_state[_ACTIVE] = filters
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
    return st.session_state.get(_ACTIVE, Filters())
