-- Grain: one row per number of courses taken (1, 2, 3 ...): how many people took that many.
-- Counted enrollments (stg_enrollment_facts: enrolled or completed) that pass the filters;
-- the sector filter applies to the participant's sector in each term, as in docs/METRICS.md, "Terms used".
with filtered as (
    select person_id, course_id
    from stg_enrollment_facts
    where
        passes_filters(sector, category, term_order, $sectors, $categories, $term_from, $term_to)
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
