"""Returning participants (for funders): new vs returning, cohort retention, courses per person."""

from ui import periods
from ui.table_page import open_page, table_chart

filters, returning = open_page(
    "Returning participants",
    "Teachers who come back for more courses: the share returning each term, "
    "how each starting cohort keeps taking part, and how many courses people take.",
    "returning_by_term",
)

if periods.switch("returning") == periods.YEAR:
    table_chart(
        "participation_by_year",
        filters,
        chart="returning_by_term",
        note="Returning = took part before the school year began. " + periods.YEAR_NOTE,
    )
    periods.term_only_note()
else:
    table_chart(
        "returning_by_term",
        filters,
        frame=returning,
        note="Returning = took part in an earlier term (in any sector or strand). The line is the share returning.",
    )
table_chart(
    "cohort_retention",
    filters,
    note="Each row is the group whose first course was in that term; each cell, the share of them taking part again.",
)
table_chart("courses_per_person", filters)
