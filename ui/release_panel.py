"""The Data page's "Publish for funders" section: the latest release, what the next would withhold, publishing.

Coordinators only. Publishing builds every funder table for every published view
from live data, protects them together, audits the result and stores it; funders
see nothing else. The preview (``analytics.disclosure.preview``) shows coordinators
what changed since the latest release and what the next one would withhold.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import disclosure
from analytics.errors import AnalyticsError
from ui import components, published
from ui.data import cursor, data_version, source, writing
from ui.format import escape_markdown
from ui.role import current_role

K_KEY = "release_k"
P_KEY = "release_p"
_DONE = "release_published"
_PREVIEW = "release_preview_report"


@st.cache_data(show_spinner="Working out what the next release would withhold...", max_entries=4)
def _preview(path: str, version: str, k: int, p: int) -> disclosure.PreviewReport:
    with cursor() as cur:
        return disclosure.preview(cur, k=k, p=p)


@st.cache_data(show_spinner=False, max_entries=8)
def _summary(path: str, release_id: int) -> pd.DataFrame:
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
    summary = _summary(source(), release.id).rename(columns={"share": "withheld_share"})
    st.caption("Audit of this release, per table: cells published and withheld, and the narrowest interval.")
    components.table(summary)


def _preview_section(release: published.ReleaseInfo | None, k: int, p: int) -> None:
    st.subheader("The next release")
    st.caption(
        "Live numbers, for coordinators only: what publishing now would withhold, per table, and how many "
        "cells would change since the latest release. Working it out takes as long as publishing."
    )
    if st.button("Preview the next release", icon=":material/preview:", key="release_preview"):
        try:
            st.session_state[_PREVIEW] = (
                _preview_stamp(release, k, p),
                _preview(source(), data_version(), k, p),
            )
        except AnalyticsError as exc:
            st.error(escape_markdown(exc))
            return
    stamp, report = st.session_state.get(_PREVIEW, (None, None))
    if report is None or stamp != _preview_stamp(release, k, p):
        return
    if report.passed:
        st.success(f"With K = {k} and P = {p} the next release passes its audit.", icon=":material/verified:")
    else:
        st.error("With these K and P the next release would fail its audit: publishing would refuse it.")
    st.caption("What the next release would withhold")
    components.table(report.summary.rename(columns={"share": "withheld_share"}))
    changed = report.changes[report.changes["cells_changed"] > 0]
    against = f"release {report.latest_id}" if report.latest_id else "nothing (no release yet)"
    st.caption(f"Changes against {against}: {len(changed)} of {len(report.changes)} published tables differ")
    if not changed.empty:
        components.table(changed)


def _preview_stamp(release: published.ReleaseInfo | None, k: int, p: int) -> tuple:
    # A preview belongs to this data, this latest release and this rule; shown only while they hold.
    return (data_version(), release.id if release else None, k, p)


def _publish(k: int, p: int) -> None:
    status = st.status("Publishing: building every funder table for every view...", expanded=True)

    def progress(text: str) -> None:  # the engine reports each step in words
        status.write(escape_markdown(text))

    try:
        with writing("a publish on the Data page") as cur:  # make serve: the writer's file, then a snapshot
            release = disclosure.publish(cur, k=k, p=p, progress=progress)
    except AnalyticsError as exc:
        status.update(label="Nothing was published", state="error")
        st.error(f"Nothing was published: {escape_markdown(exc)}", icon=":material/error:")
        return
    status.update(label=f"Published release {release.id}", state="complete", expanded=False)
    published.forget()
    st.session_state.pop(_PREVIEW, None)
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
