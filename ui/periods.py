"""Periods on the funder pages: the term still in progress, and the by-term / by-school-year switch."""

from __future__ import annotations

import streamlit as st

from analytics import comparisons, metrics
from ui import data

TERM, YEAR = "term", "school_year"
_LABELS = {TERM: "By term", YEAR: "By school year"}


@st.cache_data(show_spinner=False, max_entries=16)
def _term_in_progress(path: str, version: str) -> str | None:
    with data.cursor() as cur:
        return comparisons.in_progress_term(metrics.compute(cur, "enrollment_status"))


def term_in_progress() -> str | None:
    """The term whose registrations are open (see analytics.comparisons), decided on all the data.

    Whether a term is still open is a fact about the calendar, not a count of people: the same for every role.
    """
    return _term_in_progress(data.source(), data.data_version())


def switch(key: str = "period") -> str:
    """A by-term / by-school-year choice (TERM or YEAR), kept across pages for the session.

    A school year runs Summer to Spring (2019-20 = Summer 2019 to Spring 2020).
    """
    st.session_state.setdefault("period_view", TERM)
    choice = st.segmented_control(
        "Show",
        list(_LABELS),
        format_func=_LABELS.get,
        key=f"period_view_{key}",
        default=st.session_state["period_view"],
        help="A school year runs Summer to Spring: 2019-20 is Summer 2019, Fall 2019, Winter 2020 and Spring 2020.",
    )
    st.session_state["period_view"] = choice or TERM
    return st.session_state["period_view"]


YEAR_NOTE = (
    "A school year runs Summer to Spring (2019-20 = Summer 2019, Fall 2019, Winter 2020, Spring 2020); "
    "each person, school and leader counts once a year however many terms they took part in."
)
TERM_ONLY_NOTE = "Charts below stay by term: a person can change sector or strand between the terms of one year."


def term_only_note() -> None:
    """Under a page's by-school-year charts: the charts after them stay by term."""
    st.caption(TERM_ONLY_NOTE)


def goals():
    """The goals recorded (metric, period, target), for goal marks; read on every run so edits show at once."""
    from analytics import goals as goal_store

    with data.cursor() as cur:
        return goal_store.list_goals(cur)
