"""Overview (for funders): the latest term at a glance, growth since the pilot, sectors and strands."""

import streamlit as st

from analytics import comparisons, insights
from ui import components as ui
from ui import data, periods
from ui.figures import charts
from ui.format import count

filters = ui.page_start(
    "Boston Educators Collaborative",
    "Free, teacher-led courses shared by district, charter and Catholic schools: "
    "who takes part, who comes back, and who goes on to lead.",
)
by_term = data.table("participation_by_term", filters)
if ui.nothing_matches(by_term, filters):
    st.stop()
ui.withheld_note()

# Fair comparison: the same season a year earlier; a term with registrations open is marked "so far".
numbers = insights.headline_numbers(by_term, periods.term_in_progress())
st.subheader(comparisons.headline_heading(numbers))
ui.headlines(numbers, data.withheld_headlines(filters))

growth = insights.growth_since_first(by_term)
if growth and growth.terms > 1:

    def shown(value: float | None) -> str:
        return ui.WITHHELD if value is None else count(value)  # only a release withholds (live cells are never blank)

    st.markdown(
        f"**Growth since {growth.first_term}:** from {shown(growth.first_courses)} courses and "
        f"{shown(growth.first_participants)} participants to {shown(growth.last_courses)} courses and "
        f"{shown(growth.last_participants)} participants in {growth.last_term}, over {growth.terms} terms."
    )

ui.chart(charts.growth_since_pilot(by_term, periods.goals()), by_term, "participation_by_term", filters)

by_sector = data.table("participation_by_sector", filters)
ui.chart(charts.participation_by_sector(by_sector), by_sector, "participation_by_sector", filters)
by_strand = data.table("participation_by_category", filters)
ui.chart(charts.participation_by_category(by_strand), by_strand, "participation_by_category", filters)

st.subheader("Look closer")
links = st.columns(4)
with links[0]:
    ui.link("growth", "Growth and reach", filters, ":material/trending_up:")
with links[1]:
    ui.link("returning", "Returning participants", filters, ":material/autorenew:")
with links[2]:
    ui.link("pipeline", "Leader pipeline", filters, ":material/school:")
with links[3]:
    ui.link("exchange", "Cross-sector exchange", filters, ":material/diversity_3:")
