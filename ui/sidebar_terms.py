"""What the coordinators' and the funders' sidebars share: the address, the term range and their state keys.

Both sidebars keep their choice in the address with the same keys (a link works for
both), and both offer the same "From term" / "To term" pair, whose ends mean no filter.
"""

from __future__ import annotations

import streamlit as st

from analytics.filters import Filters
from analytics.vocab import Term
from ui.url import QUERY_KEYS, query_from_filters

TERM_FROM_KEY = "flt_term_from"
TERM_TO_KEY = "flt_term_to"
IN_URL = "_flt_in_url"  # the query we last wrote: a different one in the address means a followed link
ACTIVE = "_flt_active"  # the filters of this run, for current_filters()


def address() -> dict[str, list[str]]:
    """The filter keys of the page's address, with their values."""
    return {key: st.query_params.get_all(key) for key in QUERY_KEYS if st.query_params.get_all(key)}


def write_address(filters: Filters) -> None:
    """Put ``filters`` in the address (when it says something else) and remember it as ours."""
    wanted = query_from_filters(filters)
    if address() != wanted:
        st.query_params.from_dict(wanted)
    st.session_state[IN_URL] = wanted


def load_term_range(filters: Filters, terms: list[Term]) -> None:
    """Put the term range of ``filters`` into the widgets' state (before they are drawn)."""
    if terms:
        st.session_state[TERM_FROM_KEY] = (filters.term_from or terms[0]).label
        st.session_state[TERM_TO_KEY] = (filters.term_to or terms[-1]).label
    else:
        st.session_state.pop(TERM_FROM_KEY, None)
        st.session_state.pop(TERM_TO_KEY, None)


def keep_term_range_valid(terms: list[Term]) -> None:
    """The term list can change under a session (an import, an undo, a new release): keep the range on it."""
    labels = [t.label for t in terms]
    if labels and st.session_state.get(TERM_FROM_KEY) not in labels:
        st.session_state[TERM_FROM_KEY] = labels[0]
    if labels and st.session_state.get(TERM_TO_KEY) not in labels:
        st.session_state[TERM_TO_KEY] = labels[-1]


def term_range(terms: list[Term]) -> tuple[Term | None, Term | None]:
    """The "From term" and "To term" widgets: the chosen range, None at the ends of the data."""
    if not terms:
        return None, None
    labels = [t.label for t in terms]
    by_label = {t.label: t for t in terms}
    low = by_label[st.selectbox("From term", labels, key=TERM_FROM_KEY)]
    high = by_label[st.selectbox("To term", labels, key=TERM_TO_KEY)]
    if low > high:  # chosen backwards: read it the right way round rather than show nothing
        low, high = high, low
    # The ends of the data are "no filter", so links stay short and new terms are included.
    return (low if low != terms[0] else None), (high if high != terms[-1] else None)
