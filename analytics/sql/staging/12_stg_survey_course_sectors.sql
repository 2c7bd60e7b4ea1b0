-- Grain: one course, term, strand and sector with at least one survey response (sector: the
-- respondent's, null when unknown) or one completion (sector: the participant's), with what the
-- survey scores need as sums, so a survey table adds up a few rows per course instead of reading
-- every response: responses and completions, and for each answer how many gave one and how many
-- gave each value counted (docs/METRICS.md `survey_by_course`). Completions come from
-- stg_course_sectors, responses from stg_survey_responses; a row's sector is filtered as the
-- respondent's for the responses and as the participant's for the completions, as those tables say.
-- Each course also has its rows summed over sectors (all_sectors, sector null), read when no sector
-- is chosen: a quarter of the rows to add up for the unfiltered tables.
create or replace view stg_survey_course_sectors as
with answers as (
    select
        course_id,
        any_value(course_no) as course_no,
        term_order,
        category,
        respondent_sector as sector,
        count(*) as responses,
        sum(rating)::bigint as rating_sum,
        count(rating) as ratings,
        count(*) filter (where recommend >= 9) as promoters,
        count(*) filter (where recommend <= 6) as detractors,
        count(recommend) as recommends,
        count(*) filter (where implement >= 4) as implement_agrees,
        count(implement) as implements,
        count(*) filter (where lead_interest = 'yes') as lead_interested,
        count(lead_interest) as lead_interests
    from stg_survey_responses
    group by course_id, term_order, category, respondent_sector
),

completed as (
    select
        course_id,
        course_no,
        term_order,
        category,
        sector,
        completions
    from stg_course_sectors
    where completions > 0
),

by_sector as (
    select
        coalesce(a.course_id, c.course_id) as course_id,
        coalesce(a.course_no, c.course_no) as course_no,
        coalesce(a.term_order, c.term_order) as term_order,
        coalesce(a.category, c.category) as category,
        coalesce(a.sector, c.sector) as sector,
        coalesce(a.responses, 0) as responses,
        coalesce(c.completions, 0) as completions,
        coalesce(a.rating_sum, 0) as rating_sum,
        coalesce(a.ratings, 0) as ratings,
        coalesce(a.promoters, 0) as promoters,
        coalesce(a.detractors, 0) as detractors,
        coalesce(a.recommends, 0) as recommends,
        coalesce(a.implement_agrees, 0) as implement_agrees,
        coalesce(a.implements, 0) as implements,
        coalesce(a.lead_interested, 0) as lead_interested,
        coalesce(a.lead_interests, 0) as lead_interests
    from answers as a
    full outer join completed as c
        on a.course_id = c.course_id
        and a.term_order = c.term_order
        and a.category = c.category
        and a.sector is not distinct from c.sector
)

select
    *,
    false as all_sectors
from by_sector
union all
select
    course_id,
    any_value(course_no) as course_no,
    term_order,
    category,
    null as sector,
    sum(columns(* exclude (course_id, course_no, term_order, category, sector)))::bigint,
    true as all_sectors
from by_sector
group by course_id, term_order, category;
