-- Grain: one person whose normalised name (lower case, no accents or
-- punctuation) is shared with at least one other person (a different email):
-- candidates for data/identity_overrides.csv, for a coordinator to review.
with shared as (
    select name_key
    from people
    where name_key is not null
    group by name_key
    having count(*) > 1
),

activity as (
    select
        person_id,
        count(*) as enrollments,
        min(term_order) as first_order,
        max(term_order) as last_order
    from enrollments
    group by person_id
),

first_last as (
    select
        a.person_id,
        a.enrollments,
        (select any_value(e.term) from enrollments as e where e.term_order = a.first_order) as first_term,
        (select any_value(e.term) from enrollments as e where e.term_order = a.last_order) as last_term
    from activity as a
)

select
    p.name_key,
    p.person_id,
    p.full_name,
    coalesce(f.enrollments, 0) as enrollments,
    f.first_term,
    f.last_term,
    count(*) over (partition by p.name_key) as group_size
from people as p
inner join shared as s on s.name_key = p.name_key
left join first_last as f on f.person_id = p.person_id
order by p.name_key, p.person_id
