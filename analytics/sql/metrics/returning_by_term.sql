-- Grain: one term with at least one counted participant (docs/METRICS.md `returning_by_term`).
-- Returning = first term (over all data) before this one; a participant counts when at least one
-- of their enrollments of the term passes the filters (members layer, analytics/sql/staging/14).
select
    term_label(term_order) as term,
    participants,
    new_participants,
    returning_participants,
    round(returning_participants / participants, 4) as returning_rate
from participants_by_term($layer, $sectors, $categories, $term_from, $term_to)
order by term_order
