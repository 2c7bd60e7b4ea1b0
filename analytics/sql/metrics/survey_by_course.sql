-- Grain: one course with at least one response or one completion under the filters
-- (docs/METRICS.md `survey_by_course`). A sector filter keeps identified responses by the
-- respondent's sector in that term and drops anonymous ones (their sector is unknown).
-- Averages and rates ignore blank answers and are blank when nobody answered (survey_scores,
-- members layer, analytics/sql/staging/19).
select
    k.term,
    k.course_code,
    k.course_title,
    k.category,
    s.* exclude (course_no, term_order, category)
from survey_scores($layer, $sectors, $categories, $term_from, $term_to, true) as s
inner join query_table($layer || 'course_numbers') as k on k.course_no = s.course_no
order by k.term_order, k.place_in_term
