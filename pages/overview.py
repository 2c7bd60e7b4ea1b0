"""Overview (for funders): the latest term at a glance, growth since the pilot, sectors and strands."""

import streamlit as st

from analytics import comparisons, insights
from ui import components as ui
from ui import data, periods
from ui.format import count
from ui.table_page import open_page, table_chart

filters, by_term = open_page(
    "Boston Educators Collaborative",
    "Free, teacher-led courses shared by district, charter and Catholic schools: "
    "who takes part, who comes back, and who goes on to lead.",
    "participation_by_term",
)

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

table_chart("participation_by_term", filters, frame=by_term)
table_chart("participation_by_sector", filters)
table_chart("participation_by_category", filters)

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
