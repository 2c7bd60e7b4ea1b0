-- Grain: one row per stage of the participant -> leader -> mentor path (always three rows).
-- The filters choose who starts the path: people with a counted enrollment (enrolled or
-- completed) that passes them. What happens next is read over all history, because filters
-- never change a person's history (METRICS.md): "went on to lead" = led a course in a term
-- after their first term as a participant; "went on to mentor" = mentored in a term after
-- the first term they led in that way.
with counting as (
    select
        e.person_id,
        e.term_order,
        e.sector,
        e.registered_at,
        e.source_line,
        e.course_id,
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

first_terms as (
    select person_id, min(term_order) as first_term
    from counting
    group by person_id
),

starters as (
    select distinct person_id
    from with_term_sector
    where
        ($sectors is null or list_contains($sectors, term_sector))
        and ($categories is null or list_contains($categories, category))
        and ($term_from is null or term_order >= $term_from)
        and ($term_to is null or term_order <= $term_to)
),

staff_terms as (
    select s.person_id, s.role, c.term_order
    from course_staff as s
    inner join courses as c on c.course_id = s.course_id
),

first_led as (
    select s.person_id, min(s.term_order) as first_led_term
    from starters as p
    inner join first_terms as f on f.person_id = p.person_id
    inner join staff_terms as s on s.person_id = p.person_id and s.role = 'leader' and s.term_order > f.first_term
    group by s.person_id
),

mentored_after as (
    select distinct m.person_id
    from first_led as l
    inner join staff_terms as m
        on m.person_id = l.person_id and m.role = 'mentor' and m.term_order > l.first_led_term
),

stages as (
    select 1 as step, 'Took part in a course' as stage, (select count(*) from starters) as people
    union all
    select 2, 'Went on to lead a course', (select count(*) from first_led)
    union all
    select 3, 'Went on to mentor new leaders', (select count(*) from mentored_after)
)

select stage, people
from stages
order by step
