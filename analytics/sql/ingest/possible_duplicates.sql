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
        arg_min(term, term_order) as first_term,
        arg_max(term, term_order) as last_term
    from enrollments
    where person_id in (select person_id from people where name_key in (select name_key from shared))
    group by person_id
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
left join activity as f on f.person_id = p.person_id
order by p.name_key, p.person_id
