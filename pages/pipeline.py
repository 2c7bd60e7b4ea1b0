"""Leader pipeline (for funders): participants, leaders and mentors; grown from within; conversion; the path."""

from ui import periods
from ui.table_page import open_page, table_chart

filters, pipeline = open_page(
    "Leader pipeline",
    "Participation as a pipeline of teacher leaders: participants become course leaders, and leaders mentor new ones.",
    "leader_pipeline",
)

if periods.switch("pipeline") == periods.YEAR:
    table_chart("participation_by_year", filters, chart="leaders_by_year", note=periods.YEAR_NOTE)
    periods.term_only_note()
else:
    table_chart(
        "leader_pipeline",
        filters,
        frame=pipeline,
        note="Grown from within = leaders who had taken part in a course in an earlier term.",
    )
table_chart(
    "pipeline_path",
    filters,
    note="Of the people who took part (within the filters): how many later led a course, and then mentored.",
)
table_chart(
    "pipeline_conversion",
    filters,
    note="Each bar is the group whose first course was in that term; recent groups have had less time to lead.",
)
