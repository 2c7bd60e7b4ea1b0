-- Grain: one term and status that occurs (docs/METRICS.md `enrollment_status`): every enrollment,
-- whatever its status. The sector filter uses the participant's sector in the term when the
-- person took part then, else the sector the enrollment itself carries.
with counted as (
    select *
    from query_table($layer || 'enrollment_status')
    where passes_filters(sector, category, term_order, $sectors, $categories, $term_from, $term_to)
)

select
    term_label(term_order) as term,
    status,
    sum(enrollments)::bigint as enrollments
from counted
group by term_order, status
order by term_order, status
