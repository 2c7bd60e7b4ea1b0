-- Grain: one term and participant sector with at least one counted enrollment
-- (METRICS.md `participation_by_sector`). A participant's sector in a term is that of their
-- latest-registered counting enrollment there; all their enrollments of the term count under it.
with counted as (
    select *
    from mart_enrollment_facts
    where ($sectors is null or list_contains($sectors, sector))
      and ($categories is null or list_contains($categories, category))
      and ($term_from is null or term_order >= $term_from)
      and ($term_to is null or term_order <= $term_to)
),

-- One sector per person and term, so people can be counted after grouping their enrollments.
per_person as (
    select
        term_order,
        sector,
        person_no,
        any_value(first_term_order) as first_term_order,
        count(*) as enrollments
    from counted
    group by term_order, sector, person_no
),

per_sector as (
    select
        term_order,
        sector,
        sum(enrollments)::bigint as enrollments,
        count(*) as participants,
        count(*) filter (where first_term_order = term_order) as new_participants,
        count(*) filter (where first_term_order < term_order) as returning_participants
    from per_person
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
