-- Grain: one term and strand with at least one counted enrollment (METRICS.md `participation_by_category`).
with counted as (
    select *
    from stg_enrollment_facts
    where ($sectors is null or list_contains($sectors, sector))
      and ($categories is null or list_contains($categories, category))
      and ($term_from is null or term_order >= $term_from)
      and ($term_to is null or term_order <= $term_to)
),

per_category as (
    select
        term_order,
        category,
        count(distinct course_id) as courses,
        count(*) as enrollments,
        count(distinct person_id) as participants
    from counted
    group by term_order, category
)

select
    term_label(term_order) as term,
    category,
    courses,
    enrollments,
    participants
from per_category
order by term_order, category
