-- Grain: one row per person whose email or name contains the search text (case-insensitive),
-- with the span of their involvement; at most 50 rows, most involved first.
-- The text is matched with contains(), not like, so % and _ typed by a user are plain characters.
with matches as (
    select person_id, full_name
    from people
    where
        contains(lower(person_id), lower(trim($text)))
        or contains(lower(coalesce(full_name, '')), lower(trim($text)))
),

involvement as (
    select person_id, term, term_order from enrollments
    union all
    select s.person_id, c.term, c.term_order
    from course_staff as s
    inner join courses as c on c.course_id = s.course_id
),

spans as (
    select
        person_id,
        count(distinct term_order) as terms,
        arg_min(term, term_order) as first_term,
        arg_max(term, term_order) as last_term
    from involvement
    group by person_id
)

select
    m.person_id as email,
    m.full_name,
    coalesce(s.terms, 0) as terms,
    s.first_term,
    s.last_term
from matches as m
left join spans as s on s.person_id = m.person_id
order by terms desc, m.full_name, m.person_id
limit 50
