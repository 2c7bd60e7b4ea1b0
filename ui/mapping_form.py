"""The Data page's column-by-column form for uploads whose columns (or term) were proposed.

One form per new layout (uploads with the same headers share it): every column
with its proposal pre-selected, the evidence, five sample values, and a choice
of canonical field or "ignore". The rows that would be rejected are counted
again as the choices change. "Import" confirms: the files load in one command
and the choices are saved as a layout, so the next export with these headers
loads with no question. Uploads read through a saved layout say which.
"""

from __future__ import annotations

import hashlib
from collections import Counter

import streamlit as st

from analytics.errors import AnalyticsError
from analytics.ingest.headers import KIND_COLUMNS
from ui import imports
from ui.format import count, escape_markdown

IGNORE = "ignore"


def render(uploads: list[imports.Upload]) -> None:
    """Layout notes for uploads read through a saved layout, a term question, and a form per new layout."""
    for number, upload in enumerate(uploads):
        if upload.needs_term:
            _ask_term(upload, number)
    for upload in uploads:
        plan = upload.preview.plan if upload.preview else None
        if plan and plan.layout:
            st.info(
                f"**{escape_markdown(upload.name)}**: read as your **{escape_markdown(plan.layout)}** layout.",
                icon=":material/bookmark:",
            )
    groups: dict[str, list[imports.Upload]] = {}
    for upload in uploads:
        if upload.needs_form:
            groups.setdefault(upload.preview.plan.signature, []).append(upload)
    for group in groups.values():
        _form(group)


def _ask_term(upload: imports.Upload, number: int) -> None:
    """A file placed but for its term: ask for it, then read the file again with it."""
    typed = st.text_input(
        f"Term of every row of {upload.name} (the file has no term column, and the catalog cannot tell)",
        placeholder="e.g. Spring 2018",
        key=f"term-of-{number}-{upload.name}",
    ).strip()
    if typed:
        again = imports.preview_upload(upload.name, upload.content, term=typed)
        if again.error:
            st.error(escape_markdown(again.error))
            return
        previews = st.session_state.get("upload_previews", {})  # the page's uploads, by file id
        for file_id, held in list(previews.items()):
            if held.name == upload.name and held.content == upload.content:
                previews[file_id] = again
        st.rerun()


def _choices(upload: imports.Upload, key: str) -> dict[str, str | None]:
    """Draw one row per column; returns {header key: field or None} as chosen."""
    preview = upload.preview
    plan = preview.plan
    options = [IGNORE, *KIND_COLUMNS[plan.kind]]
    chosen: dict[str, str | None] = {}
    head = st.columns([3, 3, 4])
    head[0].caption("**Column → read as**")
    head[1].caption("**Why**")
    head[2].caption("**Sample values**")
    for pos, header in enumerate(preview.headers):
        if pos >= len(preview.keys):
            break
        choice = plan.choices.get(pos)
        samples = preview.samples.get(pos, [])
        if not header.strip() and not samples:
            continue
        current = choice.to if choice and choice.to in options else IGNORE
        row = st.columns([3, 3, 4], vertical_alignment="center")
        picked = row[0].selectbox(
            header or f"column {pos + 1}", options, index=options.index(current), key=f"{key}-col-{pos}"
        )
        if choice:
            mark = " (proposed)" if choice.source == "proposal" else ""
            row[1].caption(f"{escape_markdown(choice.evidence)}{mark}; confidence {choice.confidence:.2f}")
        row[2].caption(", ".join(escape_markdown(s) for s in samples) or "(empty)")
        chosen[preview.keys[pos]] = None if picked == IGNORE else picked
    return chosen


def _form(group: list[imports.Upload]) -> None:
    first = group[0]
    plan = first.preview.plan
    key = "layout-" + hashlib.sha256(plan.signature.encode()).hexdigest()[:12]  # stable across reruns
    names = ", ".join(escape_markdown(u.name) for u in group)
    with st.container(border=True):
        st.subheader(f"New layout: {names}")
        st.caption(
            f"Read as **{plan.kind}** ({escape_markdown(plan.tool)} export). Some columns were placed from their "
            "words and values rather than a known header: check each, then Import. The choices are saved as a "
            "layout, and the next export with these headers loads with no question."
        )
        chosen = _choices(first, key)
        for decision in plan.decisions:
            if decision.startswith("status "):  # a tool's own status word, kept in the layout
                st.caption(escape_markdown(decision[:1].upper() + decision[1:]) + ".")
        term = None
        if plan.file_term and plan.term_source != "column":
            proposed = plan.file_term.term.label
            st.caption(f"No term column: {escape_markdown(plan.file_term.evidence)}.")
            typed = st.text_input("Term for every row", value=proposed, key=f"{key}-term").strip()
            term = typed if typed and typed != proposed else None
        term = term or first.term  # a term given above for a file the catalog could not place
        twice = [field for field, n in Counter(v for v in chosen.values() if v).items() if n > 1]
        if twice:
            st.error(f"Each field can be read from one column only: {', '.join(twice)} is chosen twice.")
            return
        try:
            preview = _counted(first, chosen, term)
        except AnalyticsError as exc:
            st.error(escape_markdown(str(exc)))
            return
        st.markdown(
            f"With these choices: would load **{count(preview.loaded)}** of {count(preview.rows_read)} rows; "
            f"**{count(preview.rejected)}** would be rejected"
            + (
                f", {count(preview.result.skipped_lines)} footer line(s) skipped."
                if preview.result.skipped_lines
                else "."
            )
        )
        if preview.rejected:
            st.dataframe(preview.rejects.head(20), hide_index=True)
        label = "Import" if len(group) == 1 else f"Import {len(group)} files"
        if st.button(label, type="primary", key=f"{key}-import", icon=":material/task_alt:"):
            _import(group, chosen, term)


def _counted(upload: imports.Upload, chosen: dict, term: str | None):
    """The preview under these choices, kept for the session so a rerun with the same choices costs nothing."""
    cache = st.session_state.setdefault("mapping_previews", {})
    key = (upload.name, len(upload.content), tuple(sorted((k, v or "") for k, v in chosen.items())), term)
    if key not in cache:
        cache[key] = imports.preview_with(upload, chosen, term)
    return cache[key]


def _import(group: list[imports.Upload], chosen: dict, term: str | None) -> None:
    try:
        results = imports.import_uploads(group, confirmed=chosen, term=term)
    except AnalyticsError as exc:
        st.error(escape_markdown(str(exc)))
        return
    st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1
    st.session_state["upload_previews"] = {}
    st.session_state["mapping_previews"] = {}
    st.session_state["last_import"] = imports.results_frame(results)
    st.rerun()
