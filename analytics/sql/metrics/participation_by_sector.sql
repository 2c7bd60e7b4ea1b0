-- Grain: one term and participant sector with at least one counted enrollment
-- (docs/METRICS.md `participation_by_sector`). A participant's sector in a term is that of their
-- latest-registered counting enrollment there; all their enrollments of the term count under it.
-- People and enrollments from the members layer (analytics/sql/staging/13-14).
with volume as (
    select
        term_order,
        sector,
        sum(enrollments)::bigint as enrollments
    from counted_course_sectors($layer, $sectors, $categories, $term_from, $term_to)
    group by term_order, sector
)

select
    term_label(p.term_order) as term,
    p.sector,
    v.enrollments,
    p.participants,
    p.new_participants,
    p.returning_participants
from participants_by_sector($layer, $sectors, $categories, $term_from, $term_to) as p
inner join volume as v on v.term_order = p.term_order and v.sector = p.sector
order by p.term_order, p.sector
