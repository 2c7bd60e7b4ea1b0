"""Growth and reach (for funders): participation by term, sector and strand; schools reached."""

from ui import periods
from ui.table_page import open_page, table_chart

filters, by_sector = open_page(
    "Growth and reach",
    "How many teachers take part each term, from which sectors and strands, and how many schools they come from.",
    "participation_by_sector",
)

if periods.switch("growth") == periods.YEAR:
    table_chart("participation_by_year", filters, chart="growth_since_pilot", note=periods.YEAR_NOTE)
    table_chart("participation_by_year", filters, chart="schools_by_year", key="schools_by_year")
    periods.term_only_note()

table_chart(
    "participation_by_sector",
    filters,
    frame=by_sector,
    note="Each participant counts once per term, under the sector of the school they registered from that term.",
)
table_chart("participation_by_category", filters)
table_chart(
    "schools_reached",
    filters,
    note="A school is new in the term of its first teacher's first course (over all history).",
)
