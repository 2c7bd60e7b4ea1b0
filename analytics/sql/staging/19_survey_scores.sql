-- Members layer (see 13_counted_course_sectors.sql).
-- Grain: one survey response under the filters: the respondent's sector in the term is chosen (so
-- a sector filter drops anonymous responses) and the course's strand and term are.
create or replace macro counted_responses(layer, sectors, categories, term_from, term_to) as table
select *
from query_table(layer || 'survey_responses')
where passes_filters(respondent_sector, category, term_order, sectors, categories, term_from, term_to);

-- The survey scores of docs/METRICS.md (survey_by_course), as aggregates over responses; each
-- ignores blank answers and is blank when nobody answered.
-- Net promoter score: % promoters (9-10) minus % detractors (0-6) of those who answered.
create or replace macro net_promoter(recommend) as
    100.0 * (count(*) filter (where recommend >= 9) - count(*) filter (where recommend <= 6))
    / nullif(count(recommend), 0);

-- Share of answers (a number, e.g. 1-5) at least `low`.
create or replace macro share_at_least(answer, low) as
    count(*) filter (where answer >= low) / nullif(count(answer), 0);

-- Share of answers equal to `value`.
create or replace macro share_equal(answer, value) as
    count(*) filter (where answer = value) / nullif(count(answer), 0);

-- Grain: per_course: one course; else one term and strand (its courses pooled: every response
-- and completion counts once, not an average of course averages); with at least one response or
-- one completion under the filters. The grouping key not chosen is null.
create or replace macro survey_scores(layer, sectors, categories, term_from, term_to, per_course) as table
with answers as (
    select
        case when per_course then course_no end as course_no,
        case when not per_course then term_order end as term_order,
        case when not per_course then category end as category,
        count(*) as responses,
        avg(rating) as avg_rating,
        net_promoter(recommend) as nps,
        share_at_least(implement, 4) as implement_agree_rate,
        share_equal(lead_interest, 'yes') as lead_interest_rate
    from counted_responses(layer, sectors, categories, term_from, term_to)
    group by all
),

completions as (
    select
        case when per_course then course_no end as course_no,
        case when not per_course then term_order end as term_order,
        case when not per_course then category end as category,
        sum(completions)::bigint as completions
    from counted_course_sectors(layer, sectors, categories, term_from, term_to)
    where completions > 0
    group by all
)

select
    coalesce(a.course_no, c.course_no) as course_no,
    coalesce(a.term_order, c.term_order) as term_order,
    coalesce(a.category, c.category) as category,
    coalesce(a.responses, 0) as responses,
    coalesce(c.completions, 0) as completions,
    round(coalesce(a.responses, 0) / nullif(c.completions, 0), 4) as response_rate,
    round(a.avg_rating, 2) as avg_rating,
    round(a.nps, 1) as nps,
    round(a.implement_agree_rate, 4) as implement_agree_rate,
    round(a.lead_interest_rate, 4) as lead_interest_rate
from answers as a
full outer join completions as c
    on a.course_no is not distinct from c.course_no
    and a.term_order is not distinct from c.term_order
    and a.category is not distinct from c.category;
