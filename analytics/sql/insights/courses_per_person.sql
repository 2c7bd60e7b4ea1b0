-- Grain: one row per number of courses taken (1, 2, 3 ...): how many people took that many.
-- Counted enrollments (stg_enrollment_facts: enrolled or completed) that pass the filters;
-- the sector filter applies to the participant's sector in each term, as in docs/METRICS.md, "Terms used".
with filtered as (
    select person_id, course_id
    from stg_enrollment_facts
    where
        ($sectors is null or list_contains($sectors, sector))
        and ($categories is null or list_contains($categories, category))
        and ($term_from is null or term_order >= $term_from)
        and ($term_to is null or term_order <= $term_to)
),

per_person as (
    select
        person_id,
        count(distinct course_id) as courses_taken
    from filtered
    group by person_id
)

select
    courses_taken,
    count(*) as people
from per_person
group by courses_taken
order by courses_taken
