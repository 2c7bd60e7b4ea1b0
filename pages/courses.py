"""Courses and surveys (for coordinators): every course's enrollment, completion and survey results."""

import streamlit as st

from ui import components as ui
from ui import data
from ui.format import wide
from ui.table_page import open_page, table_chart

filters, by_course = open_page(
    "Courses and surveys",
    "Per course: completions, survey responses, rating, net promoter score, plans to implement "
    "and interest in leading; then the same by strand.",
    "survey_by_course",
)

st.subheader(f"Courses, {ui.when(filters)}")
st.caption(
    "Response rate = responses / completions. NPS = % recommending 9-10 minus % at 0-6. "
    "Plan to implement = share agreeing (4-5). Blank = no answers."
)
ui.table(by_course, height=420)
ui.download(by_course, "survey_by_course", filters)

table_chart("survey_by_category", filters)

st.subheader("Enrollment status")
status = data.table("enrollment_status", filters)
st.caption("Every registration, whatever became of it: one row per term, one column per status.")
ui.table(wide(status, "term", "status", "enrollments"))
ui.download(status, "enrollment_status", filters)
