-- Grain: one row per stage of the participant -> leader -> mentor path (always three rows).
-- The filters choose who starts the path: people with a counted enrollment that passes them.
-- What follows is read over all history, because filters never change a person's history
-- (docs/METRICS.md#filters): "went on to lead" = led a course in a term after their first term as a
-- participant; "went on to mentor" = mentored in a term after the first term they led so.
with starters as (
    select distinct
        person_id,
        first_term_order
    from stg_enrollment_facts
    where
        passes_filters(sector, category, term_order, $sectors, $categories, $term_from, $term_to)
),

first_led as (
    select
        s.person_id,
        min(staff.term_order) as first_led_term
    from starters as s
    inner join stg_course_staff as staff
        on staff.person_id = s.person_id and staff.role = 'leader' and staff.term_order > s.first_term_order
    group by s.person_id
),

mentored_after as (
    select distinct l.person_id
    from first_led as l
    inner join stg_course_staff as staff
        on staff.person_id = l.person_id and staff.role = 'mentor' and staff.term_order > l.first_led_term
),

stages as (
    select 1 as step, 'Took part in a course' as stage, (select count(*) from starters) as people
    union all
    select 2 as step, 'Went on to lead a course' as stage, (select count(*) from first_led) as people
    union all
    select 3 as step, 'Went on to mentor new leaders' as stage, (select count(*) from mentored_after) as people
)

select stage, people
from stages
order by step
