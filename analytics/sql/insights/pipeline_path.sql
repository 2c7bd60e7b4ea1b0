-- Grain: one row per stage of the participant -> leader -> mentor path (always three rows).
-- The filters choose who starts the path: people with a counted enrollment that passes them.
-- What follows is read over all history, because filters never change a person's history
-- (docs/METRICS.md#filters): "went on to lead" = led a course in a term after their first term as a
-- participant; "went on to mentor" = mentored in a term after the first term they led so
-- (pipeline_starters, members layer).
with starters as (
    from pipeline_starters($layer, $sectors, $categories, $term_from, $term_to)
),

stages as (
    select 1 as step, 'Took part in a course' as stage, count(*) as people from starters
    union all
    select 2 as step, 'Went on to lead a course' as stage, count(first_lead_order) as people from starters
    union all
    select 3 as step, 'Went on to mentor new leaders' as stage, count(*) filter (where mentored_after_lead) as people
    from starters
)

select stage, people
from stages
order by step
