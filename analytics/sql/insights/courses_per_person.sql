-- Grain: one row per number of courses taken (1, 2, 3 ...): how many people took that many.
-- Counted enrollments only (enrolled or completed) that pass the filters; a participant's
-- sector in a term is the sector of their latest-registered counting enrollment that term
-- (METRICS.md), so all their enrollments of that term fall under one sector.
with counting as (
    select
        e.person_id,
        e.course_id,
        e.term_order,
        e.sector,
        e.registered_at,
        e.source_line,
        c.category
    from enrollments as e
    inner join courses as c on c.course_id = e.course_id
    where e.status in ('enrolled', 'completed')
),

with_term_sector as (
    select
        *,
        first_value(sector) over (
            partition by person_id, term_order
            order by registered_at desc nulls last, source_line desc nulls last, course_id desc
        ) as term_sector
    from counting
),

filtered as (
    select person_id, course_id
    from with_term_sector
    where
        ($sectors is null or list_contains($sectors, term_sector))
        and ($categories is null or list_contains($categories, category))
        and ($term_from is null or term_order >= $term_from)
        and ($term_to is null or term_order <= $term_to)
),

per_person as (
    select person_id, count(distinct course_id) as courses_taken
    from filtered
    group by person_id
)

select
    courses_taken,
    count(*) as people
from per_person
group by courses_taken
order by courses_taken
