-- Members layer (see 13_counted_course_sectors.sql).
-- The survey scores of docs/METRICS.md (survey_by_course) from the survey course-sector rows
-- (stg_survey_course_sectors): a sector filter keeps identified responses by the respondent's
-- sector in that term (so it drops anonymous ones) and completions by the participant's; the
-- course's strand and term are filtered as everywhere. Each score ignores blank answers and is
-- blank when nobody answered. Net promoter score: % promoters (9-10) minus % detractors (0-6).
-- Grain: per_course: one course (with its term and strand); else one term and strand (its courses
-- pooled: every response and completion counts once, not an average of course averages); with at
-- least one response or one completion under the filters. course_no is null when not per course.
create or replace macro survey_scores(layer, sectors, categories, term_from, term_to, per_course) as table
with sums as (
    -- per course without a sector filter, each course's row over all sectors is its sums already (a
    -- course has one term and strand): no adding up of 44,000 rows at 1,000,000 enrollments
    select
        course_no,
        term_order,
        category,
        columns(* exclude (course_id, course_no, term_order, category, sector, all_sectors))::bigint
    from query_table(layer || 'survey_course_sectors')
    where
        per_course
        and sectors is null
        and all_sectors
        and passes_filters(sector, category, term_order, sectors, categories, term_from, term_to)
    union all
    select
        case when per_course then course_no end as course_no,
        term_order,
        category,
        sum(columns(* exclude (course_id, course_no, term_order, category, sector, all_sectors)))::bigint
    from query_table(layer || 'survey_course_sectors')
    -- without a sector filter, the courses' rows summed over sectors
    where
        not (per_course and sectors is null)
        and all_sectors = (sectors is null)
        and passes_filters(sector, category, term_order, sectors, categories, term_from, term_to)
    group by all
)

select
    course_no,
    term_order,
    category,
    responses,
    completions,
    round(responses / nullif(completions, 0), 4) as response_rate,
    round(rating_sum / nullif(ratings, 0), 2) as avg_rating,
    round(100.0 * (promoters - detractors) / nullif(recommends, 0), 1) as nps,
    round(implement_agrees / nullif(implements, 0), 4) as implement_agree_rate,
    round(lead_interested / nullif(lead_interests, 0), 4) as lead_interest_rate
from sums;
