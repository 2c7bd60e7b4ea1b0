-- Grain: one term and strand with at least one counted enrollment (docs/METRICS.md `participation_by_category`).
-- A person counts under every strand they took part in that term; courses and enrollments from the
-- counted course-sector rows (members layer, participation_split, analytics/sql/staging/21).
select
    term_label(term_order) as term,
    part as category,
    courses,
    enrollments,
    participants
from participation_split($layer, $sectors, $categories, $term_from, $term_to, true)
order by term_order, part
