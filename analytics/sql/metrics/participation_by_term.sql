-- Grain: one term with at least one counted enrollment (docs/METRICS.md `participation_by_term`).
-- Counted = a counting enrollment whose term, strand and participant's sector pass the filters.
-- New / returning come from the unfiltered first term (filters never change history).
-- Every count reads the members layer (participation_counts, analytics/sql/staging/21): courses and
-- enrollments per course and sector, people per term, schools per term, staff of counted courses.
select
    term_label(period) as term,
    * exclude (period)
from participation_counts($layer, $sectors, $categories, $term_from, $term_to, false)
order by period
