"""The table registry: one declaration per summary table of docs/METRICS.md.

Each entry names the table's query, its columns and their kinds, its grain, the charts and
pages that show it, how its small counts are withheld, and what a release protects (the
fields are explained in ``analytics/metrics/table_spec.py``). The metric functions
(``analytics.metrics.compute``), the exports, the charts' lookup (``analytics.charts.registry``),
the dashboard's table access and the docs check all read this one list; ``LINKS`` says which
cells of two tables are the same number. Adding a table: docs/decisions/080-adding-a-table.md.
"""

from __future__ import annotations

from analytics.metrics.table_spec import Link, TableSpec, words

__all__ = ["COUNT_COLUMNS", "LINKS", "TABLES", "Link", "TableSpec"]

_PEOPLE = words("participants new_participants returning_participants")
_PARTICIPANTS_SUM = (("participants", _PEOPLE[1:]),)
_BY_TERM_COUNTS = words(
    "courses enrollments participants new_participants returning_participants schools leaders mentors"
)
_BY_TERM_PERSON_COUNTS = words("enrollments participants new_participants returning_participants leaders mentors")
_SURVEY_MEASURES = words("responses completions response_rate avg_rating nps implement_agree_rate lead_interest_rate")
_SURVEY_DERIVED = {
    "response_rate": ("responses", "completions"),
    "avg_rating": ("responses",),
    "nps": ("responses",),
    "implement_agree_rate": ("responses",),
    "lead_interest_rate": ("responses",),
}
_LEADER_COUNTS = words(
    "participants leaders mentors new_leaders leaders_from_participants cumulative_leaders cumulative_mentors"
)

TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        TableSpec(
            "participation_by_term",
            ("term", *_BY_TERM_COUNTS),
            "Courses, enrollments, participants (new and returning), schools, leaders and mentors per term.",
            keys=("term",),
            person_counts=_BY_TERM_PERSON_COUNTS,
            sums=_PARTICIPANTS_SUM,
            grain="one term with at least one counted enrollment",
            sql="metrics/participation_by_term.sql",
            counts=_BY_TERM_COUNTS,
            charts=("growth_since_pilot",),
            pages=("pages/overview.py",),
            protected=_BY_TERM_COUNTS[1:],
            present=("enrollments", "participants"),
            school_mates=(("schools", "participation_by_term", "participants"),),
        ),
        TableSpec(
            "participation_by_year",
            ("school_year", *_BY_TERM_COUNTS),
            "The same counts per school year (2019-20 = Summer 2019 to Spring 2020), people counted once a year.",
            keys=("school_year",),
            person_counts=_BY_TERM_PERSON_COUNTS,
            sums=_PARTICIPANTS_SUM,
            grain="one school year with at least one counted enrollment",
            sql="metrics/participation_by_year.sql",
            counts=_BY_TERM_COUNTS,
            charts=("growth_since_pilot", "schools_by_year", "returning_by_term", "leaders_by_year"),
            pages=("pages/growth.py", "pages/returning.py", "pages/pipeline.py"),
            protected=_BY_TERM_COUNTS[1:],
            present=("enrollments", "participants"),
            school_mates=(("schools", "participation_by_year", "participants"),),
            term_column="school_year",
        ),
        TableSpec(
            "participation_by_sector",
            ("term", "sector", "enrollments", *_PEOPLE),
            "Enrollments and participants per term by the participant's sector in that term.",
            keys=("term", "sector"),
            person_counts=("enrollments", *_PEOPLE),
            sums=_PARTICIPANTS_SUM,
            grain="one term and participant sector with at least one counted enrollment",
            sql="metrics/participation_by_sector.sql",
            counts=("enrollments", *_PEOPLE),
            charts=("participation_by_sector",),
            pages=("pages/overview.py", "pages/growth.py"),
            protected=("enrollments", *_PEOPLE),
            present=("enrollments", "participants"),
        ),
        TableSpec(
            "participation_by_category",
            words("term category courses enrollments participants"),
            "Courses, enrollments and participants per term by strand.",
            keys=("term", "category"),
            person_counts=("enrollments", "participants"),
            grain="one term and strand with at least one counted enrollment",
            sql="metrics/participation_by_category.sql",
            counts=("courses", "enrollments", "participants"),
            charts=("participation_by_category",),
            pages=("pages/overview.py", "pages/growth.py"),
            protected=("enrollments", "participants"),
            present=("enrollments", "participants"),
        ),
        TableSpec(
            "returning_by_term",
            ("term", *_PEOPLE, "returning_rate"),
            "New and returning participants per term, and the share returning.",
            keys=("term",),
            person_counts=_PEOPLE,
            derived={"returning_rate": ("returning_participants", "participants")},
            sums=_PARTICIPANTS_SUM,
            grain="one term with at least one counted participant",
            sql="metrics/returning_by_term.sql",
            counts=_PEOPLE,
            charts=("returning_by_term",),
            pages=("pages/returning.py",),
            protected=_PEOPLE,
            present=("participants",),
        ),
        TableSpec(
            "cohort_retention",
            words("cohort cohort_size term active retention_rate"),
            "For each first-term cohort, how many take part again in each later term.",
            keys=("cohort", "term"),
            person_counts=("cohort_size", "active"),
            derived={"retention_rate": ("active", "cohort_size")},
            grain="one first-term cohort and one term present in the data at or after it",
            sql="metrics/cohort_retention.sql",
            counts=("cohort_size", "active"),
            charts=("cohort_retention_heatmap",),
            pages=("pages/returning.py",),
            protected=("cohort_size", "active"),
            present=("cohort_size",),
            repeats={"cohort_size": ("cohort", "cohort")},
            term_column="cohort",
        ),
        TableSpec(
            "leader_pipeline",
            ("term", *_LEADER_COUNTS),
            "Participants, leaders and mentors per term; new leaders and leaders grown from within.",
            keys=("term",),
            person_counts=_LEADER_COUNTS,
            grain="one term with at least one counted enrollment",
            sql="metrics/leader_pipeline.sql",
            counts=_LEADER_COUNTS,
            charts=("leader_pipeline",),
            pages=("pages/pipeline.py",),
            protected=_LEADER_COUNTS,
            present=("participants",),
        ),
        TableSpec(
            "pipeline_conversion",
            words("cohort cohort_size became_leader conversion_rate median_terms_to_lead"),
            "For each first-term cohort, how many later led a course, and how soon.",
            keys=("cohort",),
            person_counts=("cohort_size", "became_leader"),
            derived={"conversion_rate": ("became_leader", "cohort_size"), "median_terms_to_lead": ("became_leader",)},
            grain="one first-term cohort",
            sql="metrics/pipeline_conversion.sql",
            counts=("cohort_size", "became_leader"),
            charts=("conversion_by_cohort",),
            pages=("pages/pipeline.py",),
            protected=("cohort_size", "became_leader"),
            present=("cohort_size",),
            term_column="cohort",
        ),
        TableSpec(
            "cross_sector_exchange",
            words("leader_sector participant_sector enrollments"),
            "Who learns from whom: enrollments by the leader's sector and the participant's sector.",
            keys=("leader_sector", "participant_sector"),
            person_counts=("enrollments",),
            grain="one leader sector and participant sector with at least one counted enrollment",
            sql="metrics/cross_sector_exchange.sql",
            counts=("enrollments",),
            charts=("cross_sector_heatmap",),
            pages=("pages/exchange.py",),
            protected=("enrollments",),
            present=("enrollments",),
            term_column=None,
        ),
        TableSpec(
            "course_mix",
            words(
                "term course_code course_title category leader_sectors participants sectors_represented mixing_index"
            ),
            "Per course: leader sectors, participants, sectors represented and how mixed they are (Gini-Simpson).",
            keys=words("term course_code course_title category leader_sectors"),
            person_counts=("participants",),
            derived={"mixing_index": ("participants",), "sectors_represented": ("participants",)},
            grain="one course with at least one counted enrollment",
            sql="metrics/course_mix.sql",
            counts=("participants", "sectors_represented"),
            charts=("mixing_index_over_time",),
            pages=("pages/exchange.py",),
            protected=("participants",),
            present=("participants",),
            # a course's rows under one-sector views would give away its sector counts (see the decision record)
            in_sector_views=False,
        ),
        TableSpec(
            "schools_reached",
            words("term sector schools new_schools cumulative_schools"),
            "Schools reached per term and sector: all, reached for the first time, and cumulative.",
            keys=("term", "sector"),
            grain="one term and participant sector with at least one school among the counted enrollments",
            sql="metrics/schools_reached.sql",
            counts=words("schools new_schools cumulative_schools"),
            charts=("schools_reached",),
            pages=("pages/growth.py",),
            protected=words("schools new_schools cumulative_schools"),
            present=("schools",),
            school_mates=tuple(
                (column, "participation_by_sector", "participants")
                for column in words("schools new_schools cumulative_schools")
            ),
        ),
        TableSpec(
            "survey_by_course",
            ("term", "course_code", "course_title", "category", *_SURVEY_MEASURES),
            "Post-course survey per course: response rate, rating, NPS, plans to implement, interest in leading.",
            keys=words("term course_code course_title category"),
            person_counts=("responses", "completions"),
            derived=_SURVEY_DERIVED,
            grain="one course with at least one response or one completion under the filters",
            sql="metrics/survey_by_course.sql",
            counts=("responses", "completions"),
            pages=("pages/courses.py",),
        ),
        TableSpec(
            "survey_by_category",
            ("term", "category", *_SURVEY_MEASURES),
            "Post-course survey per strand: response rate, rating, NPS, plans to implement, interest in leading.",
            keys=("term", "category"),
            person_counts=("responses", "completions"),
            derived=_SURVEY_DERIVED,
            grain="one term and strand with at least one response or one completion under the filters",
            sql="metrics/survey_by_category.sql",
            counts=("responses", "completions"),
            charts=("survey_summary",),
            pages=("pages/courses.py",),
        ),
        TableSpec(
            "enrollment_status",
            words("term status enrollments"),
            "Every enrollment by term and status (enrolled, completed, withdrawn, waitlisted).",
            keys=("term", "status"),
            person_counts=("enrollments",),
            grain="one term and status that occurs",
            sql="metrics/enrollment_status.sql",
            counts=("enrollments",),
            pages=("pages/courses.py",),
        ),
    )
}

# Every whole-number column of any table (the pandas benchmark gives them int64, as compute does).
COUNT_COLUMNS = frozenset(column for spec in TABLES.values() for column in spec.counts)

# Cells that two tables both show, or that one table breaks down (a term's participants = the sum
# of its sector rows): a reader can solve one from the other, so suppression treats them together.
_BY_TERM = "participation_by_term"
LINKS: tuple[Link, ...] = (
    *(Link(_BY_TERM, c, "participation_by_sector", c, (("term", "term"),)) for c in ("enrollments", *_PEOPLE)),
    Link(_BY_TERM, "enrollments", "participation_by_category", "enrollments", (("term", "term"),)),
    *(Link(_BY_TERM, c, "returning_by_term", c, (("term", "term"),)) for c in _PEOPLE),
    *(Link(_BY_TERM, c, "leader_pipeline", c, (("term", "term"),)) for c in ("participants", "leaders", "mentors")),
    Link(_BY_TERM, "new_participants", "cohort_retention", "cohort_size", (("term", "cohort"),), first_only=True),
    Link("pipeline_conversion", "cohort_size", "cohort_retention", "cohort_size", (("cohort", "cohort"),), (), True),
    Link(
        _BY_TERM,
        "enrollments",
        "enrollment_status",
        "enrollments",
        (("term", "term"),),
        (("status", ("enrolled", "completed")),),
    ),
    *(
        Link("survey_by_category", c, "survey_by_course", c, (("term", "term"), ("category", "category")))
        for c in ("responses", "completions")
    ),
)
