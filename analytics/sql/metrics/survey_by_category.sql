-- Grain: one term and strand with at least one response or one completion under the filters
-- (docs/METRICS.md `survey_by_category`). Same rules as survey_by_course, pooled over the strand's
-- courses: every response and completion counts once, not an average of course averages.
with completions as (
    select
        term_order,
        category,
        sum(completions)::bigint as completions
    from counted_course_sectors($layer, $sectors, $categories, $term_from, $term_to)
    where completions > 0
    group by term_order, category
),

answers as (
    select
        term_order,
        category,
        count(*) as responses,
        avg(rating) as avg_rating,
        net_promoter(recommend) as nps,
        share_at_least(implement, 4) as implement_agree_rate,
        share_equal(lead_interest, 'yes') as lead_interest_rate
    from counted_responses($layer, $sectors, $categories, $term_from, $term_to)
    group by term_order, category
),

per_category as (
    select
        coalesce(a.term_order, c.term_order) as term_order,
        coalesce(a.category, c.category) as category,
        coalesce(a.responses, 0) as responses,
        coalesce(c.completions, 0) as completions,
        a.avg_rating,
        a.nps,
        a.implement_agree_rate,
        a.lead_interest_rate
    from answers as a
    full outer join completions as c on c.term_order = a.term_order and c.category = a.category
)

select
    term_label(term_order) as term,
    category,
    responses,
    completions,
    round(responses / nullif(completions, 0), 4) as response_rate,
    round(avg_rating, 2) as avg_rating,
    round(nps, 1) as nps,
    round(implement_agree_rate, 4) as implement_agree_rate,
    round(lead_interest_rate, 4) as lead_interest_rate
from per_category
order by term_order, category
