-- Members of every count cell of `courses_per_person` under one view (see participation_by_term.sql).
-- A person has one enrollment per course, so their counted enrollments are their courses taken.
with per_person as (
    select
        person_no,
        sum(strand_enrollments($categories, n_all_learners, n_culturally_proficient, n_rigorous_curricula, n_other))
            as courses_taken
    from mart_participant_terms
    where ($sectors is null or list_contains($sectors, sector))
    group by person_no
)

select
    courses_taken::varchar as row_key,
    'people' as measure,
    'p' as kind,
    person_no as unit,
    1 as weight
from per_person
where courses_taken > 0
