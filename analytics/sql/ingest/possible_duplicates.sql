-- Grain: one person whose normalised name (lower case, no accents or
-- punctuation) is shared with at least one other person (a different email):
-- candidates for data/identity_overrides.csv, for a coordinator to review.
-- $limit: the first so many of them (by name, then email), or every one when NULL. Their
-- enrollments are counted for those people only: at 10,000,000 enrollments with every
-- synthetic name shared, the whole list is 5.6 million people (13.5 s), the first 1,000 0.4 s.
with shared as (
    select
        name_key,
        count(*) as group_size
    from people
    where name_key is not null
    group by name_key
    having count(*) > 1
),

listed as (
    select
        p.name_key,
        p.person_id,
        p.full_name,
        s.group_size
    from people as p
    inner join shared as s on s.name_key = p.name_key
    order by p.name_key, p.person_id
    limit $limit
),

activity as (
    select
        person_id,
        count(*) as enrollments,
        arg_min(term, term_order) as first_term,
        arg_max(term, term_order) as last_term
    from enrollments
    where person_id in (select person_id from listed)
    group by person_id
)

select
    l.name_key,
    l.person_id,
    l.full_name,
    coalesce(f.enrollments, 0) as enrollments,
    f.first_term,
    f.last_term,
    l.group_size
from listed as l
left join activity as f on f.person_id = l.person_id
order by l.name_key, l.person_id
