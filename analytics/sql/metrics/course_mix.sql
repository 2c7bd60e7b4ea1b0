-- Grain: one course with at least one counted enrollment (docs/METRICS.md `course_mix`).
-- mixing_index is Gini-Simpson over the participants' sectors: 1 - sum of squared shares,
-- 0 when everyone comes from one sector.
-- A person has one enrollment per course (the enrollments key), so enrollments are people here.
-- The counts and the catalog's columns: course_mix_rows (members layer, analytics/sql/staging/13).
select
    term,
    course_code,
    course_title,
    category,
    leader_sectors,
    participants,
    sectors_represented,
    round(mixing_index, 4) as mixing_index
from course_mix_rows($layer, $sectors, $categories, $term_from, $term_to)
order by term_order, place_in_term
