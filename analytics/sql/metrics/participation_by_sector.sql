-- Grain: one term and participant sector with at least one counted enrollment
-- (docs/METRICS.md `participation_by_sector`). A participant's sector in a term is that of their
-- latest-registered counting enrollment there; all their enrollments of the term count under it.
-- Read from the person-term mart: one row per participant and term, with enrollments per strand.
with people as (
    select
        term_order,
        sector,
        first_term_order,
        enrollments_in_strands($categories, enrollments_by_strand) as enrollments
    from mart_participant_terms
    where chosen($sectors, sector)
      and in_terms(term_order, $term_from, $term_to)
),

per_sector as (
    select
        term_order,
        sector,
        sum(enrollments)::bigint as enrollments,
        count(*) as participants,
        count(*) filter (where first_term_order = term_order) as new_participants,
        count(*) filter (where first_term_order < term_order) as returning_participants
    from people
    where enrollments > 0
    group by term_order, sector
)

select
    term_label(term_order) as term,
    sector,
    enrollments,
    participants,
    new_participants,
    returning_participants
from per_sector
order by term_order, sector
