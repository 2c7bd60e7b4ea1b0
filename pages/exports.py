"""Exports: every docs/METRICS.md table as CSV, Excel or JSON with the current filters; the workbook; the report."""

import streamlit as st

from analytics.metrics import TABLES
from analytics.vocab import Term
from ui import components as ui
from ui import data, files
from ui.format import escape_markdown
from ui.role import current_role
from ui.url import filter_key

filters = ui.page_start(
    "Exports",
    "The tables behind every chart, with the filters chosen in the sidebar. "
    "Each file says what it holds: filters, the data's as-of date and any withheld cells.",
)
role = current_role()
st.info(f"Filters applied: **{escape_markdown(filters.describe())}**", icon=":material/filter_alt:")
suppress = st.toggle(
    "Withhold small counts (for sharing outside the collaborative)",
    value=not role.is_coordinator,
    disabled=not role.is_coordinator,
    key="exports_suppress",
    help="Counts from 1 to 9 are left blank, with a note, and so is any cell they could be worked out from.",
)
k = 10 if suppress else None
# A prepared workbook or report belongs to these filters, this data and this threshold; offered only while they hold.
stamp = (filter_key(filters), data.data_version(), k)

st.header("One table")
FORMATS = {"csv": "CSV", "xlsx": "Excel (XLSX)", "json": "JSON"}
left, right = st.columns([3, 1])
name = left.selectbox("Table", list(TABLES), format_func=lambda n: f"{n}: {TABLES[n].description}", key="exports_table")
fmt = right.radio("Format", list(FORMATS), format_func=FORMATS.get, horizontal=True, key="exports_format")
export = files.table_file(name, filters, fmt, k)
st.download_button(f"Download {export.filename}", export.data, export.filename, export.mime, icon=":material/download:")
for note in export.notes:
    st.caption(escape_markdown(note))
with st.expander("Preview", expanded=True):
    ui.table(data.table(name, filters, k))

st.header("Every table in one workbook")
st.caption("One Excel file: an About sheet (filters, as-of, withheld cells), then one sheet per table.")
if st.button("Prepare the workbook", icon=":material/table_view:"):
    with st.spinner("Computing every table..."):
        st.session_state["workbook_file"] = (stamp, files.workbook(filters, k))
made_for, book = st.session_state.get("workbook_file", (None, None))
if book is not None and made_for == stamp:
    st.download_button(
        f"Download {book.filename}",
        book.data,
        book.filename,
        book.mime,
        icon=":material/download:",
        key="workbook_download",
    )

st.header("Goals and their progress")
goal_file = files.goal_progress_file(k)
st.download_button(
    f"Download {goal_file.filename}",
    goal_file.data,
    goal_file.filename,
    goal_file.mime,
    icon=":material/flag:",
    key="goals_download",
)
for note in goal_file.notes:
    st.caption(escape_markdown(note))

st.header("Report for funders")
st.caption(
    "The headline numbers, charts and what each one shows, counts under 10 withheld: a single HTML page "
    "to open in a browser, and the same report as a PDF to attach or print."
)
paper = st.radio(
    "PDF paper size", ["a4", "letter"], format_func={"a4": "A4", "letter": "US Letter"}.get, horizontal=True
)
report_stamp = (*stamp, paper)
if st.button("Build the report", icon=":material/description:"):
    bar = st.progress(0.0, "Starting...")
    html, pdf = files.report_files(
        filters, 10, paper, progress=lambda done, text: bar.progress(min(max(done, 0.0), 1.0), text.capitalize())
    )
    bar.progress(1.0, "Report ready")
    latest = data.terms()[-1] if data.terms() else Term(2000, 1)
    st.session_state["report"] = (
        report_stamp,
        html,
        pdf,
        f"collaborative_report_{latest.label.replace(' ', '_').lower()}",
    )
made_for, html, pdf, report_name = st.session_state.get("report", (None, None, None, None))
if html is not None and made_for == report_stamp:
    left, right = st.columns(2)
    left.download_button(
        f"Download {report_name}.html",
        html,
        f"{report_name}.html",
        "text/html",
        icon=":material/download:",
        key="report_download",
    )
    right.download_button(
        f"Download {report_name}_{paper}.pdf",
        pdf,
        f"{report_name}_{paper}.pdf",
        "application/pdf",
        icon=":material/picture_as_pdf:",
        key="report_pdf_download",
    )
