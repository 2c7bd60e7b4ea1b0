-- Grain: one term and participant sector with at least one counted enrollment
-- (docs/METRICS.md `participation_by_sector`). A participant's sector in a term is that of their
-- latest-registered counting enrollment there; all their enrollments of the term count under it.
-- People and enrollments from the members layer (participation_split, analytics/sql/staging/21).
select
    term_label(term_order) as term,
    part as sector,
    enrollments,
    participants,
    new_participants,
    returning_participants
from participation_split($layer, $sectors, $categories, $term_from, $term_to, false)
order by term_order, part
