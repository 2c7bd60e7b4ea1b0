"""What every table of docs/METRICS.md is: its columns, meaning, and which cells count people.

This is the contract shared by the metric queries, the exports, small-cell
suppression and the dashboard. Column names and order are docs/METRICS.md's.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TableSpec:
    name: str
    columns: tuple[str, ...]
    description: str  # one line, for `python -m analytics tables` and export notes
    keys: tuple[str, ...]  # the columns that identify a row (the rest are measures)
    # Counts of people or enrollments: withheld from 1 to K-1 under suppression.
    person_counts: tuple[str, ...] = ()
    # Rates and averages: withheld whenever any count they are computed from is withheld.
    derived: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Totals shown in the same row: total = sum(parts). Complementary suppression
    # keeps a withheld part from being worked back as total minus the other parts.
    sums: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def measures(self) -> tuple[str, ...]:
        return tuple(c for c in self.columns if c not in self.keys)


_PARTICIPANTS_SUM = (("participants", ("new_participants", "returning_participants")),)
_SURVEY_MEASURES = (
    "responses",
    "completions",
    "response_rate",
    "avg_rating",
    "nps",
    "implement_agree_rate",
    "lead_interest_rate",
)
_SURVEY_DERIVED = {
    "response_rate": ("responses", "completions"),
    "avg_rating": ("responses",),
    "nps": ("responses",),
    "implement_agree_rate": ("responses",),
    "lead_interest_rate": ("responses",),
}

TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        TableSpec(
            "participation_by_term",
            (
                "term",
                "courses",
                "enrollments",
                "participants",
                "new_participants",
                "returning_participants",
                "schools",
                "leaders",
                "mentors",
            ),
            "Courses, enrollments, participants (new and returning), schools, leaders and mentors per term.",
            keys=("term",),
            person_counts=(
                "enrollments",
                "participants",
                "new_participants",
                "returning_participants",
                "leaders",
                "mentors",
            ),
            sums=_PARTICIPANTS_SUM,
        ),
        TableSpec(
            "participation_by_year",
            (
                "school_year",
                "courses",
                "enrollments",
                "participants",
                "new_participants",
                "returning_participants",
                "schools",
                "leaders",
                "mentors",
            ),
            "The same counts per school year (2019-20 = Summer 2019 to Spring 2020), people counted once a year.",
            keys=("school_year",),
            person_counts=(
                "enrollments",
                "participants",
                "new_participants",
                "returning_participants",
                "leaders",
                "mentors",
            ),
            sums=_PARTICIPANTS_SUM,
        ),
        TableSpec(
            "participation_by_sector",
            ("term", "sector", "enrollments", "participants", "new_participants", "returning_participants"),
            "Enrollments and participants per term by the participant's sector in that term.",
            keys=("term", "sector"),
            person_counts=("enrollments", "participants", "new_participants", "returning_participants"),
            sums=_PARTICIPANTS_SUM,
        ),
        TableSpec(
            "participation_by_category",
            ("term", "category", "courses", "enrollments", "participants"),
            "Courses, enrollments and participants per term by strand.",
            keys=("term", "category"),
            person_counts=("enrollments", "participants"),
        ),
        TableSpec(
            "returning_by_term",
            ("term", "participants", "new_participants", "returning_participants", "returning_rate"),
            "New and returning participants per term, and the share returning.",
            keys=("term",),
            person_counts=("participants", "new_participants", "returning_participants"),
            derived={"returning_rate": ("returning_participants", "participants")},
            sums=_PARTICIPANTS_SUM,
        ),
        TableSpec(
            "cohort_retention",
            ("cohort", "cohort_size", "term", "active", "retention_rate"),
            "For each first-term cohort, how many take part again in each later term.",
            keys=("cohort", "term"),
            person_counts=("cohort_size", "active"),
            derived={"retention_rate": ("active", "cohort_size")},
        ),
        TableSpec(
            "leader_pipeline",
            (
                "term",
                "participants",
                "leaders",
                "mentors",
                "new_leaders",
                "leaders_from_participants",
                "cumulative_leaders",
                "cumulative_mentors",
            ),
            "Participants, leaders and mentors per term; new leaders and leaders grown from within.",
            keys=("term",),
            person_counts=(
                "participants",
                "leaders",
                "mentors",
                "new_leaders",
                "leaders_from_participants",
                "cumulative_leaders",
                "cumulative_mentors",
            ),
        ),
        TableSpec(
            "pipeline_conversion",
            ("cohort", "cohort_size", "became_leader", "conversion_rate", "median_terms_to_lead"),
            "For each first-term cohort, how many later led a course, and how soon.",
            keys=("cohort",),
            person_counts=("cohort_size", "became_leader"),
            derived={"conversion_rate": ("became_leader", "cohort_size"), "median_terms_to_lead": ("became_leader",)},
        ),
        TableSpec(
            "cross_sector_exchange",
            ("leader_sector", "participant_sector", "enrollments"),
            "Who learns from whom: enrollments by the leader's sector and the participant's sector.",
            keys=("leader_sector", "participant_sector"),
            person_counts=("enrollments",),
        ),
        TableSpec(
            "course_mix",
            (
                "term",
                "course_code",
                "course_title",
                "category",
                "leader_sectors",
                "participants",
                "sectors_represented",
                "mixing_index",
            ),
            "Per course: leader sectors, participants, sectors represented and how mixed they are (Gini-Simpson).",
            keys=("term", "course_code", "course_title", "category", "leader_sectors"),
            person_counts=("participants",),
            derived={"mixing_index": ("participants",), "sectors_represented": ("participants",)},
        ),
        TableSpec(
            "schools_reached",
            ("term", "sector", "schools", "new_schools", "cumulative_schools"),
            "Schools reached per term and sector: all, reached for the first time, and cumulative.",
            keys=("term", "sector"),
        ),
        TableSpec(
            "survey_by_course",
            ("term", "course_code", "course_title", "category", *_SURVEY_MEASURES),
            "Post-course survey per course: response rate, rating, NPS, plans to implement, interest in leading.",
            keys=("term", "course_code", "course_title", "category"),
            person_counts=("responses", "completions"),
            derived=_SURVEY_DERIVED,
        ),
        TableSpec(
            "survey_by_category",
            ("term", "category", *_SURVEY_MEASURES),
            "Post-course survey per strand: response rate, rating, NPS, plans to implement, interest in leading.",
            keys=("term", "category"),
            person_counts=("responses", "completions"),
            derived=_SURVEY_DERIVED,
        ),
        TableSpec(
            "enrollment_status",
            ("term", "status", "enrollments"),
            "Every enrollment by term and status (enrolled, completed, withdrawn, waitlisted).",
            keys=("term", "status"),
            person_counts=("enrollments",),
        ),
    )
}
