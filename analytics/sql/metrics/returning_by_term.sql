-- Grain: one term with at least one counted participant (METRICS.md `returning_by_term`).
-- Returning = first term (over all data) before this one; the rate is blank when nobody took part.
with counted as (
    select *
    from mart_enrollment_facts
    where ($sectors is null or list_contains($sectors, sector))
      and ($categories is null or list_contains($categories, category))
      and ($term_from is null or term_order >= $term_from)
      and ($term_to is null or term_order <= $term_to)
),

per_person as (
    select
        term_order,
        person_no,
        any_value(first_term_order) as first_term_order
    from counted
    group by term_order, person_no
),

per_term as (
    select
        term_order,
        count(*) as participants,
        count(*) filter (where first_term_order = term_order) as new_participants,
        count(*) filter (where first_term_order < term_order) as returning_participants
    from per_person
    group by term_order
)

select
    term_label(term_order) as term,
    participants,
    new_participants,
    returning_participants,
    round(returning_participants / nullif(participants, 0), 4) as returning_rate
from per_term
order by term_order
