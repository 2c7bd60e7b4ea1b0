"""Leader pipeline (for funders): participants, leaders and mentors; grown from within; conversion; the path."""

import streamlit as st

from ui import components as ui
from ui import data, periods
from ui.figures import charts

filters = ui.page_start(
    "Leader pipeline",
    "Participation as a pipeline of teacher leaders: participants become course leaders, and leaders mentor new ones.",
)
pipeline = data.table("leader_pipeline", filters)
if ui.nothing_matches(pipeline, filters):
    st.stop()
ui.withheld_note()

if periods.switch("pipeline") == periods.YEAR:
    by_year = data.table("participation_by_year", filters)
    ui.chart(
        charts.leaders_by_year(by_year, periods.goals()),
        by_year,
        "participation_by_year",
        filters,
        note=periods.YEAR_NOTE,
    )
    st.caption(periods.TERM_ONLY_NOTE)
else:
    ui.chart(
        charts.leader_pipeline(pipeline, periods.goals()),
        pipeline,
        "leader_pipeline",
        filters,
        note="Grown from within = leaders who had taken part in a course in an earlier term.",
    )
path = data.insight("pipeline_path", filters)
ui.chart(
    charts.pipeline_funnel(path.rename(columns={"people": "count"}), ui.when(filters, "pipeline_path")),
    path,
    "pipeline_path",
    filters,
    note="Of the people who took part (within the filters): how many later led a course, and then mentored.",
)
conversion = data.table("pipeline_conversion", filters)
ui.chart(
    charts.conversion_by_cohort(conversion),
    conversion,
    "pipeline_conversion",
    filters,
    note="Each bar is the group whose first course was in that term; recent groups have had less time to lead.",
)
