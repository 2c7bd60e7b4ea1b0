"""Data (for coordinators): load exports with a preview first, see the import history, undo, check problems."""

import streamlit as st

from analytics.errors import AnalyticsError
from analytics.filters import Filters
from ui import components as ui
from ui import data, goals_panel, imports, mapping_form, release_panel
from ui.format import count, escape_markdown

ui.page_start(
    "Data",
    "Load the collaborative's exports (course catalog, registrations, surveys, schools) as CSV or Excel. "
    "Each file is checked and previewed before anything is written.",
    needs_data=False,
)
as_of = data.as_of()
st.markdown(f"**Data as of:** {as_of:%-d %B %Y, %H:%M} UTC" if as_of else "**No data loaded yet.**")

st.header("Load exports")
round_no = st.session_state.setdefault("upload_round", 0)
files = st.file_uploader(
    "Exports to load", type=["csv", "txt", "xlsx"], accept_multiple_files=True, key=f"uploader-{round_no}"
)
previews = st.session_state.setdefault("upload_previews", {})
uploads = []
for file in files or []:
    if file.file_id not in previews:
        with st.spinner(f"Checking {file.name}..."):
            previews[file.file_id] = imports.preview_upload(file.name, file.getvalue())
    uploads.append(previews[file.file_id])

for upload in uploads:
    name = escape_markdown(upload.name)
    if upload.error:
        st.error(f"**{name}** cannot be loaded: {escape_markdown(upload.error)}", icon=":material/error:")
        continue
    p = upload.preview
    sheet = f", sheet {escape_markdown(p.sheet)}" if p.sheet else ""
    with st.expander(f"{name}: {p.kind}, {p.rows_read:,} rows", expanded=len(uploads) == 1):
        st.markdown(
            f"Detected **{p.kind}**{sheet}. Would load **{count(p.loaded)}** of {count(p.rows_read)} rows; "
            f"**{count(p.rejected)}** would be rejected."
        )
        if len(p.sheets) > 1:
            others = ", ".join(escape_markdown(sheet) for sheet in p.sheets)
            st.caption(f"This workbook has {len(p.sheets)} sheets to import ({others}); all of them are imported.")
        if p.already_loaded:
            st.info("This exact file is already loaded; importing it again changes nothing.")
        mapping = [{"their header": h, "read as": c} for h, c in p.header_map.items()]
        mapping += [{"their header": h, "read as": "(not imported)"} for h in p.unmapped]
        st.caption("How the headers were understood")
        st.dataframe(mapping, hide_index=True)
        if p.rejected:
            st.caption("Rows that would be rejected (kept in the warehouse with the reason, never dropped silently)")
            st.dataframe(p.rejects, hide_index=True)
        st.caption("First rows as read")
        st.dataframe(p.rows, hide_index=True)

mapping_form.render(uploads)  # files whose columns were proposed: one form per new layout

ready = [u for u in uploads if u.importable]
if uploads:
    label = f"Import {len(ready)} file" + ("" if len(ready) == 1 else "s")
    if st.button(label, type="primary", disabled=not ready, icon=":material/upload:"):
        bar = st.progress(0.0, "Starting the import...")
        try:
            results = imports.import_uploads(ready, progress=lambda done, text: bar.progress(done, text))
        except AnalyticsError as exc:
            st.error(escape_markdown(str(exc)))
        else:
            st.session_state["upload_round"] = round_no + 1
            st.session_state["upload_previews"] = {}
            st.session_state["last_import"] = imports.results_frame(results)
            st.rerun()
if "last_import" in st.session_state:
    st.success("Imported. Every page now shows the new data.", icon=":material/check_circle:")
    st.dataframe(st.session_state.pop("last_import"), hide_index=True)

st.header("Import history")
batches = imports.history()
if batches.empty:
    st.caption("Nothing imported yet.")
else:
    shown = batches.drop(columns=["sheet"]) if batches["sheet"].isna().all() else batches
    ui.table(shown)
    in_effect = batches[batches["undone_at"].isna()]
    if not in_effect.empty:
        files_by_batch = dict(zip(in_effect["batch_id"], in_effect["file_name"], strict=True))
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        # Keyed by the data version: after an import or an undo the choice starts again at the newest batch,
        # so the batch named on screen is always the one the button undoes.
        batch = left.selectbox(
            "Undo an import",
            list(files_by_batch),
            format_func=lambda b: f"Batch {b}: {files_by_batch[b]}",
            key=f"undo_batch-{data.data_version()}",
        )
        if right.button(f"Undo batch {batch}", icon=":material/undo:", key="undo_button"):
            try:
                done = imports.undo(batch)
            except AnalyticsError as exc:
                st.error(escape_markdown(str(exc)))
            else:
                st.session_state["last_undo"] = f"Undid batch {done['batch_id']} ({done['file_name']})."
                st.rerun()
if "last_undo" in st.session_state:
    st.success(escape_markdown(st.session_state.pop("last_undo")), icon=":material/undo:")

st.header("Rejected rows")
rejects = imports.rejected()
if rejects.empty:
    st.caption("No rejected rows in the imports in effect.")
else:
    st.caption("Rows that could not be loaded, with the file, line and reason. Fix them at the source and re-import.")
    ui.table(rejects)

st.header("Possible duplicate people")
duplicates = imports.duplicates(ui.MAX_TABLE_ROWS)
if not duplicates.people:
    st.caption("No two emails share a name.")
else:
    st.caption(
        "People with the same name under different emails. If they are one person, add a line "
        "`email,same_as_email` to data/identity_overrides.csv and re-import."
    )
    if duplicates.people > len(duplicates.shown):
        st.caption(
            f"Showing the first {len(duplicates.shown):,} of {duplicates.people:,} people "
            f"({duplicates.names:,} shared names), by name. The download holds every one."
        )
        ui.download(
            imports.all_duplicates,  # read when clicked, not on every run
            "possible_duplicates",
            Filters(),  # the list is not filtered
            label="Download every possible duplicate (CSV)",
        )
    ui.table(duplicates.shown)

goals_panel.render()
release_panel.render()
