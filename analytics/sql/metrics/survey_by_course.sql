-- Grain: one course with at least one response or one completion under the filters
-- (docs/METRICS.md `survey_by_course`). A sector filter keeps identified responses by the
-- respondent's sector in that term and drops anonymous ones (their sector is unknown).
-- Averages and rates ignore blank answers and are blank when nobody answered (survey_scores,
-- members layer, analytics/sql/staging/19).
select * exclude (term_order, place_in_term)
from survey_course_rows($layer, $sectors, $categories, $term_from, $term_to)
order by term_order, place_in_term
