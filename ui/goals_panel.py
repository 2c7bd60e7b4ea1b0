"""The Data page's Goals panel (coordinators): record, change and remove the targets the report holds the program to.

The same rules as ``python -m analytics goals``: a metric from the list, a term or a school
year, a whole number (or a share for the returning rate); a bad entry is said plainly and
nothing is written. The table shows each goal's progress on the live numbers.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import goals
from analytics.errors import AnalyticsError
from analytics.school_years import school_year_of
from analytics.vocab import Term
from ui import data
from ui.format import escape_markdown
from ui.role import current_role

_NEW = "(a new goal)"


def _period_choices() -> list[str]:
    """Terms and school years in the data, plus the next four terms and next school year, newest first."""
    terms = data.terms()
    if not terms:
        return []
    latest = terms[-1]
    ahead, term = [], latest
    for _ in range(4):
        term = Term(term.year + (term.season_no == 4), term.season_no % 4 + 1)
        ahead.append(term)
    years = sorted({school_year_of(t) for t in [*terms, *ahead]})
    return [t.label for t in reversed([*terms, *ahead])] + [y.label for y in reversed(years)]


def _progress_shown(progress):
    met = ["" if pd.isna(value) else ("met" if value else "not met") for value in progress["met"]]
    shown = progress.astype({"met": "object"})
    shown["met"] = [m or "not over yet" for m in met]
    return shown


def render() -> None:
    """The Goals section: the goals with their progress, then a form to set or change one, and remove."""
    if not current_role().is_coordinator:
        return
    st.header("Goals")
    st.caption(
        "Targets from the grant, e.g. more than 250 participants in Spring 2018. Goals appear as marks on the charts "
        "of their metric and in the report's Goals section; met is decided once the period is over."
    )
    progress = data.goal_progress()
    if progress.empty:
        st.caption("No goals yet.")
    else:
        st.dataframe(_progress_shown(progress), hide_index=True)

    existing = [f"{m} · {p}" for m, p in zip(progress["metric"], progress["period"], strict=True)]
    choice = st.selectbox("Goal to set or change", [_NEW, *existing], key="goal_choice")
    current = progress.iloc[existing.index(choice)] if choice != _NEW else None
    periods = _period_choices()
    with st.form("goal_form", clear_on_submit=False, border=True):
        left, middle, right = st.columns([2, 2, 1])
        metric = left.selectbox(
            "Metric",
            list(goals.METRICS),
            index=list(goals.METRICS).index(current["metric"]) if current is not None else 0,
            format_func=lambda m: f"{goals.METRICS[m].label} ({m})",
            disabled=current is not None,
        )
        period = middle.selectbox(
            "Term or school year",
            periods,
            index=periods.index(current["period"]) if current is not None and current["period"] in periods else 0,
            accept_new_options=True,  # a period not offered may be typed: it is checked like the command line's
            disabled=current is not None,
        )
        value = right.text_input(
            "Target", value="" if current is None else _target_text(current["metric"], current["target"])
        )
        saved = st.form_submit_button("Save goal", icon=":material/flag:", type="primary")
    if saved:
        try:
            with data.writing("a goal saved on the Data page") as cur:
                goal = goals.set_goal(cur, current["metric"] if current is not None else metric, period, value)
        except AnalyticsError as exc:
            st.error(escape_markdown(str(exc)), icon=":material/error:")
        else:
            st.session_state["goal_saved"] = f"Saved: {goal.metric} in {goal.period}."
            st.rerun()
    if current is not None and st.button(f"Remove this goal ({choice})", icon=":material/delete:", key="goal_remove"):
        with data.writing("a goal removed on the Data page") as cur:
            goals.remove_goal(cur, current["metric"], current["period"])
        st.session_state["goal_saved"] = f"Removed: {choice}."
        st.session_state.pop("goal_choice", None)
        st.rerun()
    if "goal_saved" in st.session_state:
        st.success(escape_markdown(st.session_state.pop("goal_saved")), icon=":material/check_circle:")


def _target_text(metric: str, target: float) -> str:
    return f"{target:g}" if goals.METRICS[metric].kind == "rate" else f"{target:.0f}"
