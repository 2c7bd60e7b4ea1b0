"""Charts of the collaborative's tables: pure functions, a docs/METRICS.md frame in, a plotly Figure out.

No streamlit here: the dashboard and the funder report draw the same figures.
Suppressed cells arrive as NaN/NA and are simply not drawn; an empty frame gives
a figure that says "No data for these filters".
"""

from analytics.charts.describe import describe
from analytics.charts.exchange import cross_sector_heatmap, mixing_index_over_time, survey_summary
from analytics.charts.marks import add_goal_marks
from analytics.charts.palette import CATEGORY_COLOURS, MEASURE_COLOURS, SECTOR_COLOURS, category_label, sector_label
from analytics.charts.participation import (
    courses_per_person,
    growth_since_pilot,
    participation_by_category,
    participation_by_sector,
    returning_by_term,
    schools_reached,
)
from analytics.charts.pipeline import (
    cohort_retention_heatmap,
    conversion_by_cohort,
    leader_pipeline,
    pipeline_funnel,
)
from analytics.charts.years import leaders_by_year, schools_by_year

__all__ = [
    "CATEGORY_COLOURS",
    "MEASURE_COLOURS",
    "SECTOR_COLOURS",
    "add_goal_marks",
    "describe",
    "leaders_by_year",
    "schools_by_year",
    "category_label",
    "cohort_retention_heatmap",
    "courses_per_person",
    "conversion_by_cohort",
    "cross_sector_heatmap",
    "growth_since_pilot",
    "leader_pipeline",
    "mixing_index_over_time",
    "participation_by_category",
    "participation_by_sector",
    "pipeline_funnel",
    "returning_by_term",
    "schools_reached",
    "sector_label",
    "survey_summary",
]
