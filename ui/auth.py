"""Sign-in and roles: who is looking, decided once per run from ``st.secrets`` and ``st.user``.

- No ``[auth]`` section in ``.streamlit/secrets.toml``: local mode. The person at
  the keyboard is the coordinator; a banner says so on every page. ``make run``
  binds to 127.0.0.1, and a server explicitly bound to another address without
  sign-in shows no data at all.
- ``[auth]`` configured: Streamlit's own OpenID Connect sign-in (``st.login``).
  Signed out: a sign-in page. Signed in: the ``[access]`` lists decide
  (``analytics.security.access``); an account on neither list gets a polite
  no-access page. Neither page reads the warehouse.

``gate()`` is called by the frame before anything else reads data; it records the role for the
run (``ui.role``), which is what the rest of the UI asks.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from dataclasses import dataclass

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from analytics.security import COORDINATOR, AccessRules, Decision, Role
from ui import role as run_role
from ui.format import escape_markdown

LOOPBACK = ("127.0.0.1", "localhost", "::1")
DOCS = "docs/SECURITY.md"


@dataclass(frozen=True)
class Viewer:
    """The outcome for this run: a role to show pages with, or a page to show instead (role None)."""

    role: Role | None
    mode: str  # "local", "signed_out", "no_access", "signed_in", "misconfigured"
    email: str | None = None
    message: str = ""


def _secrets() -> Mapping:
    """The secrets as a plain mapping; empty when there is no secrets file at all."""
    try:
        return st.secrets.to_dict()
    except (FileNotFoundError, StreamlitSecretNotFoundError):
        return {}


def _providers(auth: Mapping) -> list[str | None]:
    """Named providers (``[auth.google]``) of the ``[auth]`` section, or [None] for the single unnamed one."""
    named = [name for name, value in auth.items() if isinstance(value, Mapping)]
    return named or [None]


def _role_for(decision: Decision) -> Role:
    # The description is shown as Markdown: the address is escaped like any text from outside.
    return decision.role.for_account(escape_markdown(decision.email))


def viewer() -> Viewer:
    """Who is looking at this run, from the secrets and the signed-in account (reads no data)."""
    secrets = _secrets()
    auth = secrets.get("auth")
    if not auth:
        address = st.get_option("server.address")
        if address and address not in LOOPBACK:
            return Viewer(
                None,
                "misconfigured",
                message=f"This dashboard has no sign-in configured but is served on {address}. It shows data only "
                f"on 127.0.0.1 (make run) or with sign-in configured; see {DOCS}.",
            )
        return Viewer(COORDINATOR, "local")
    try:
        rules = AccessRules.from_mapping(secrets.get("access"))
    except ValueError as exc:
        return Viewer(None, "misconfigured", message=f"The access lists in secrets.toml are not valid: {exc}.")
    user = st.user.to_dict()
    if not user.get("is_logged_in"):
        return Viewer(None, "signed_out")
    decision = rules.decide(user)
    if not decision.allowed:
        return Viewer(None, "no_access", decision.email, decision.reason)
    return Viewer(_role_for(decision), "signed_in", decision.email)


def _sign_in_page(providers: list[str | None]) -> None:
    st.title("Boston Educators Collaborative")
    if importlib.util.find_spec("authlib") is None:  # st.login needs it; say so before anyone clicks
        st.error(f"Sign-in is configured but the Authlib package is missing: pip install 'Authlib>=1.3.2' ({DOCS}).")
        return
    st.write("Please sign in to see the dashboard. Your account decides what you see: coordinators see every page;")
    st.write("funders see the summary pages, with small numbers withheld.")
    for provider in providers:
        label = f"Sign in with {provider.title()}" if provider else "Sign in"
        st.button(
            label, key=f"login_{provider}", on_click=st.login, args=(provider,) if provider else (), type="primary"
        )


def _no_access_page(who: Viewer) -> None:
    st.title("No access yet")
    st.write("Thank you for signing in. This account is not on the dashboard's list of coordinators or funders.")
    st.text(f"Why: {who.message}.")  # st.text: the address is the provider's, shown as plain text
    st.write("If you should have access, ask the collaborative's coordinator to add your address, then sign in again.")
    st.button("Sign out", on_click=st.logout, key="logout_no_access")


def gate() -> Role:
    """Show the sign-in, no-access or configuration page and stop the run, or return the viewer's role.

    Local mode adds its banner; a signed-in viewer gets a sign-out button in the sidebar.
    """
    who = viewer()
    run_role.record(who.role)  # what every page and table of this run asks (ui.role.current_role)
    if who.mode == "misconfigured":
        st.error(who.message)
        st.stop()
    if who.mode == "signed_out":
        _sign_in_page(_providers(_secrets().get("auth", {})))
        st.stop()
    if who.mode == "no_access":
        _no_access_page(who)
        st.stop()
    if who.mode == "local":
        st.info(
            "Local mode: no sign-in is configured, so this computer's user sees everything as a coordinator. "
            f"Keep it on 127.0.0.1 (make run does). To share it, set up sign-in: {DOCS}.",
            icon=":material/lock_open:",
        )
    else:
        with st.sidebar:
            st.button("Sign out", on_click=st.logout, key="logout", icon=":material/logout:")
    return who.role
