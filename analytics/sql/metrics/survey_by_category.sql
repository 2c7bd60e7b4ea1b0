-- Grain: one term and strand with at least one response or one completion under the filters
-- (docs/METRICS.md `survey_by_category`). Same rules as survey_by_course, pooled over the strand's
-- courses: every response and completion counts once, not an average of course averages.
select
    term_label(term_order) as term,
    category,
    * exclude (course_no, term_order, category)
from survey_scores($layer, $sectors, $categories, $term_from, $term_to, false)
order by term_order, category
