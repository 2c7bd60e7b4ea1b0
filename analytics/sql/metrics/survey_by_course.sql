-- Grain: one course with at least one response or one completion under the filters
-- (docs/METRICS.md `survey_by_course`). A sector filter keeps identified responses by the
-- respondent's sector in that term and drops anonymous ones (their sector is unknown).
-- Averages and rates ignore blank answers and are blank when nobody answered.
with completions as (
    select
        course_no,
        sum(completions)::bigint as completions
    from counted_course_sectors($layer, $sectors, $categories, $term_from, $term_to)
    where completions > 0
    group by course_no
),

answers as (
    select
        course_no,
        count(*) as responses,
        avg(rating) as avg_rating,
        net_promoter(recommend) as nps,
        share_at_least(implement, 4) as implement_agree_rate,
        share_equal(lead_interest, 'yes') as lead_interest_rate
    from counted_responses($layer, $sectors, $categories, $term_from, $term_to)
    group by course_no
),

per_course as (
    select
        coalesce(a.course_no, c.course_no) as course_no,
        coalesce(a.responses, 0) as responses,
        coalesce(c.completions, 0) as completions,
        a.avg_rating,
        a.nps,
        a.implement_agree_rate,
        a.lead_interest_rate
    from answers as a
    full outer join completions as c on c.course_no = a.course_no
)

select
    term_label(k.term_order) as term,
    k.course_code,
    k.course_title,
    k.category,
    p.responses,
    p.completions,
    round(p.responses / nullif(p.completions, 0), 4) as response_rate,
    round(p.avg_rating, 2) as avg_rating,
    round(p.nps, 1) as nps,
    round(p.implement_agree_rate, 4) as implement_agree_rate,
    round(p.lead_interest_rate, 4) as lead_interest_rate
from per_course as p
inner join mart_course_numbers as k on k.course_no = p.course_no
order by k.term_order, k.course_code nulls last, k.course_title, k.course_id
