"""The role of this run: decided once by the frame (``ui.auth.gate``, called by dashboard.py) and read here.

``gate`` records the role it grants at the start of every run, before any page reads data;
``current_role`` is what the pages and the data helpers ask, so the secrets and the signed-in
account are read once per run, not once per table. A run that recorded no role (it stopped at
the sign-in page) gets the least one, the funder's. The roles themselves are
``analytics.security.roles``.
"""

from __future__ import annotations

import streamlit as st

from analytics.security import FUNDER, Role

_KEY = "_role_of_this_run"


def record(role: Role | None) -> None:
    """Record the role ``gate`` granted this run (None: it grants none, the run stops at a page of its own)."""
    st.session_state[_KEY] = role


def current_role() -> Role:
    """The role of the person viewing this run (never more than ``gate`` granted)."""
    return st.session_state.get(_KEY) or FUNDER
