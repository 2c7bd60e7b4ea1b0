"""Exports: the tables as CSV, Excel or JSON with the current filters; the workbook; the report.

Coordinators export live numbers, or (switch on) the latest published release to share.
Funders always get the release: the same numbers as their pages.
"""

import streamlit as st

from analytics.metrics import TABLES
from analytics.vocab import Term
from ui import components as ui
from ui import data, files, published
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
share = files.sharing(
    st.toggle(
        "Use the published release (for sharing outside the collaborative)",
        value=not role.is_coordinator,
        disabled=not role.is_coordinator,
        key="exports_suppress",
        help="Files are cut from the latest release the coordinators published: small counts withheld, "
        "audited, the same numbers funders see.",
    )
)
release = published.latest() if share else None
if share and release is None:
    st.warning("No release has been published yet. Publish one on the Data page first.", icon=":material/block:")
    st.stop()
if release is not None:
    view, exact = published.view_of(release, filters)
    if not exact:
        st.warning(
            f"The release does not publish {escape_markdown(filters.describe())}; files use the nearest published "
            f"view, {escape_markdown(view.label)}. Choose one of the release's views (everything, one sector or "
            "one strand) to export exactly.",
            icon=":material/visibility:",
        )
    filters = published.filters_of(view, filters)
    st.caption(f"Files from {release.stamp}: counts under {release.k} withheld (protection width {release.p}).")
# A prepared workbook or report belongs to these filters and this source; offered only while they hold.
stamp = (filter_key(filters), f"release:{release.id}" if release else data.data_version())

st.header("One table")
FORMATS = {"csv": "CSV", "xlsx": "Excel (XLSX)", "json": "JSON"}
names = release.offered(view) if release else list(TABLES)
left, right = st.columns([3, 1])
name = left.selectbox(
    "Table",
    names,
    format_func=lambda n: f"{n}: {TABLES[n].description}" if n in TABLES else n,
    key="exports_table",
)
fmt = right.radio("Format", list(FORMATS), format_func=FORMATS.get, horizontal=True, key="exports_format")
export = files.table_file(name, filters, fmt, share)
st.download_button(f"Download {export.filename}", export.data, export.filename, export.mime, icon=":material/download:")
for note in export.notes:
    st.caption(escape_markdown(note))
with st.expander("Preview", expanded=True):
    ui.table(published.table(name, filters) if release else data.table(name, filters))

st.header("Every table in one workbook")
st.caption("One Excel file: an About sheet (filters, as-of, release, withheld cells), then one sheet per table.")
if st.button("Prepare the workbook", icon=":material/table_view:"):
    with st.spinner("Writing every table..."):
        st.session_state["workbook_file"] = (stamp, files.workbook(filters, share))
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
goal_file = files.goal_progress_file(share)
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
    "The headline numbers, charts and what each one shows, cut from the published release: a single HTML "
    "page to open in a browser, and the same report as a PDF to attach or print."
)
paper = st.radio(
    "PDF paper size", ["a4", "letter"], format_func={"a4": "A4", "letter": "US Letter"}.get, horizontal=True
)
report_stamp = (*stamp, paper)
if st.button("Build the report", icon=":material/description:"):
    bar = st.progress(0.0, "Starting...")
    try:
        html, pdf = files.report_files(
            filters, paper, progress=lambda done, text: bar.progress(min(max(done, 0.0), 1.0), text.capitalize())
        )
    except files.exports.NotPublishedError as exc:
        st.warning(f"{escape_markdown(exc)}. Publish a release on the Data page first.", icon=":material/block:")
    else:
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
