"""The tables of docs/METRICS.md: one function per table, ``compute`` by name, and ``TABLES`` (the spec).

from analytics.metrics import compute, participation_by_term
frame = participation_by_term(con, Filters.parse(sectors=["charter"]))
"""

from analytics.metrics.spec import TABLES, TableSpec
from analytics.metrics.tables import (
    cohort_retention,
    compute,
    course_mix,
    cross_sector_exchange,
    enrollment_status,
    leader_pipeline,
    participation_by_category,
    participation_by_sector,
    participation_by_term,
    participation_by_year,
    pipeline_conversion,
    returning_by_term,
    schools_reached,
    survey_by_category,
    survey_by_course,
    terms_present,
)

__all__ = [
    "TABLES",
    "TableSpec",
    "cohort_retention",
    "compute",
    "course_mix",
    "cross_sector_exchange",
    "enrollment_status",
    "leader_pipeline",
    "participation_by_category",
    "participation_by_sector",
    "participation_by_term",
    "participation_by_year",
    "pipeline_conversion",
    "returning_by_term",
    "schools_reached",
    "survey_by_category",
    "survey_by_course",
    "terms_present",
]
