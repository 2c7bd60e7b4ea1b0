-- Grain: one term with at least one counted participant (docs/METRICS.md `returning_by_term`).
-- Returning = first term (over all data) before this one. Read from the person-term mart: a
-- participant counts when at least one of their enrollments of the term passes the filters.
with per_term as (
    select
        term_order,
        count(*) as participants,
        count(*) filter (where first_term_order = term_order) as new_participants,
        count(*) filter (where first_term_order < term_order) as returning_participants
    from mart_participant_terms
    where counted_participant(sector, term_order, strand_mask, $sectors, $categories, $term_from, $term_to)
    group by term_order
)

select
    term_label(term_order) as term,
    participants,
    new_participants,
    returning_participants,
    round(returning_participants / participants, 4) as returning_rate
from per_term
order by term_order
