"""Returning participants (for funders): new vs returning, cohort retention, courses per person."""

import streamlit as st

from ui import components as ui
from ui import data, periods
from ui.figures import charts

filters = ui.page_start(
    "Returning participants",
    "Teachers who come back for more courses: the share returning each term, "
    "how each starting cohort keeps taking part, and how many courses people take.",
)
returning = data.table("returning_by_term", filters)
if ui.nothing_matches(returning, filters):
    st.stop()
ui.withheld_note()

if periods.switch("returning") == periods.YEAR:
    by_year = data.table("participation_by_year", filters)
    ui.chart(
        charts.returning_by_term(by_year, periods.goals()),
        by_year,
        "participation_by_year",
        filters,
        note="Returning = took part before the school year began. " + periods.YEAR_NOTE,
    )
    st.caption(periods.TERM_ONLY_NOTE)
else:
    ui.chart(
        charts.returning_by_term(returning, periods.goals()),
        returning,
        "returning_by_term",
        filters,
        note="Returning = took part in an earlier term (in any sector or strand). The line is the share returning.",
    )
retention = data.table("cohort_retention", filters)
ui.chart(
    charts.cohort_retention_heatmap(retention),
    retention,
    "cohort_retention",
    filters,
    note="Each row is the group whose first course was in that term; each cell, the share of them taking part again.",
)
per_person = data.insight("courses_per_person", filters)
ui.chart(
    charts.courses_per_person(per_person, ui.when(filters, "courses_per_person")),
    per_person,
    "courses_per_person",
    filters,
)
