-- Members of every count cell of `pipeline_path` under one view (see participation_by_term.sql).
-- Starters took part under the view; leading after one's first term and mentoring after one's
-- first such lead are read over all history (pipeline_starters, members layer).
with starters as (
    from pipeline_starters($layer, $sectors, $categories, $term_from, $term_to)
)

select
    'Took part in a course' as row_key,
    'people' as measure,
    'p' as kind,
    person_no as unit,
    1 as weight
from starters
union all
select 'Went on to lead a course', 'people', 'p', person_no, 1 from starters where first_lead_order is not null
union all
select 'Went on to mentor new leaders', 'people', 'p', person_no, 1 from starters where mentored_after_lead
