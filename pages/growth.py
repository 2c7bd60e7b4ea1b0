"""Growth and reach (for funders): participation by term, sector and strand; schools reached."""

import streamlit as st

from ui import components as ui
from ui import data, periods
from ui.figures import charts

filters = ui.page_start(
    "Growth and reach",
    "How many teachers take part each term, from which sectors and strands, and how many schools they come from.",
)
by_sector = data.table("participation_by_sector", filters)
if ui.nothing_matches(by_sector, filters):
    st.stop()
ui.withheld_note()

if periods.switch("growth") == periods.YEAR:
    by_year = data.table("participation_by_year", filters)
    goals = periods.goals()
    ui.chart(
        charts.growth_since_pilot(by_year, goals), by_year, "participation_by_year", filters, note=periods.YEAR_NOTE
    )
    ui.chart(charts.schools_by_year(by_year, goals), by_year, "participation_by_year", filters, key="schools_by_year")
    st.caption(periods.TERM_ONLY_NOTE)

ui.chart(
    charts.participation_by_sector(by_sector),
    by_sector,
    "participation_by_sector",
    filters,
    note="Each participant counts once per term, under the sector of the school they registered from that term.",
)
by_strand = data.table("participation_by_category", filters)
ui.chart(charts.participation_by_category(by_strand), by_strand, "participation_by_category", filters)
schools = data.table("schools_reached", filters)
ui.chart(
    charts.schools_reached(schools),
    schools,
    "schools_reached",
    filters,
    note="A school is new in the term of its first teacher's first course (over all history).",
)
