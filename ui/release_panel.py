"""The Data page's "Publish for funders" section: the latest release, what the next would withhold, publishing.

Coordinators only. Publishing builds every funder table for every published view
from live data, protects them together, audits the result and stores it; funders
see nothing else. The preview (``analytics.disclosure.preview``) shows coordinators
what changed since the latest release and what the next one would withhold.
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import streamlit as st

from analytics import disclosure
from analytics.errors import AnalyticsError
from ui import components, published
from ui.data import cursor, data_version
from ui.format import escape_markdown
from ui.role import current_role

K_KEY = "release_k"
P_KEY = "release_p"
_DONE = "release_published"


@st.cache_data(show_spinner="Working out what the next release would withhold...", max_entries=8)
def _preview(version: str, latest_id: int | None, k: int, p: int):
    with cursor() as cur:
        return disclosure.preview(cur, k=k, p=p)


@st.cache_data(show_spinner=False, max_entries=8)
def _summary(release_id: int) -> pd.DataFrame:
    with cursor() as cur:
        return disclosure.get_release(cur, release_id).summary()


def _latest_section(release: published.ReleaseInfo | None) -> None:
    st.subheader("Latest release")
    if release is None:
        st.info("Nothing published yet: funders see a page saying so, and no numbers.", icon=":material/info:")
        return
    as_of = f"{release.as_of:%-d %B %Y, %H:%M} UTC" if release.as_of else "no data"
    st.markdown(
        f"**Release {release.id}**, published {release.created_at:%-d %B %Y, %H:%M} UTC from data as of {as_of}. "
        f"Rule: counts under **K = {release.k}** withheld; every withheld count stays at least "
        f"**P = {release.p}** values wide given everything published. Views: "
        + escape_markdown(", ".join(v.label for v in release.views))
        + "."
    )
    summary = _summary(release.id)
    st.caption("Audit of this release, per table: cells published and withheld, and the narrowest interval.")
    components.table(summary)


def _show_part(name: str, value: object) -> None:
    title = name.replace("_", " ").capitalize()
    if isinstance(value, pd.DataFrame):
        st.caption(title)
        if value.empty:
            st.caption("Nothing.")
        else:
            components.table(value)
    elif isinstance(value, (list, tuple)):
        st.caption(title)
        for item in value or ["Nothing."]:
            st.markdown(f"- {escape_markdown(item)}")
    elif value is not None:
        st.markdown(f"**{escape_markdown(title)}:** {escape_markdown(value)}")


def _preview_section(release: published.ReleaseInfo | None, k: int, p: int) -> None:
    st.subheader("The next release")
    st.caption(
        "Live numbers, for coordinators only: what publishing now would withhold, and what changed since the "
        "latest release."
    )
    try:
        report = _preview(data_version(), release.id if release else None, k, p)
    except AnalyticsError as exc:
        st.error(escape_markdown(exc))
        return
    parts = (
        {f.name: getattr(report, f.name) for f in dataclasses.fields(report)}
        if dataclasses.is_dataclass(report)
        else {"preview": report}
    )
    for name, value in parts.items():
        _show_part(name, value)


def _publish(k: int, p: int) -> None:
    bar = st.progress(0.0, "Building every funder table for every view...")

    def progress(done: float, text: str = "") -> None:
        bar.progress(min(max(float(done), 0.0), 1.0), text or "Publishing...")

    try:
        with cursor() as cur:
            release = disclosure.publish(cur, k=k, p=p, progress=progress)
    except AnalyticsError as exc:
        bar.empty()
        st.error(f"Nothing was published: {escape_markdown(exc)}", icon=":material/error:")
        return
    published.forget()
    _preview.clear()
    st.session_state[_DONE] = f"Published release {release.id}. Funders now see it on every page and in every file."
    st.rerun()


def render() -> None:
    """The whole section (one call from the Data page)."""
    st.header("Publish for funders")
    st.caption(
        "Funders never see live numbers: every funder page, chart, download, workbook and report is cut from "
        "the latest release published here, which is audited before it is stored."
    )
    if _DONE in st.session_state:
        st.success(escape_markdown(st.session_state.pop(_DONE)), icon=":material/check_circle:")
    release = published.latest()
    _latest_section(release)
    left, right, button = st.columns([1, 1, 2], vertical_alignment="bottom")
    k = int(left.number_input("K (withhold counts below)", 2, 100, release.k if release else 10, key=K_KEY))
    p = int(right.number_input("P (protection width)", 1, 100, release.p if release else 5, key=P_KEY))
    coordinator = current_role().is_coordinator
    clicked = button.button(
        "Publish for funders",
        type="primary",
        icon=":material/publish:",
        disabled=not coordinator,
        key="release_publish",
        help=None if coordinator else "Only coordinators publish releases.",
    )
    if clicked and coordinator:  # a crafted click from another role changes nothing
        _publish(k, p)
    _preview_section(release, k, p)
