-- Grain: one way to name a catalog course in one term: by code ('c:CODE') or,
-- where the title is unique in its term, by title ('t:title'). Enrollments and
-- survey responses find their course here. Only the terms the command's rows name are looked up
-- (ing_values: every term text of the files, read): a week's registrations need their own term's
-- catalog, not every term's.
create or replace temp table ing_courses as
with named_terms as (
    select distinct value::integer as term_order
    from ing_values
    where field = 'term' and value is not null
),

by_code as (
    select term_order, 'c:' || upper(course_code) as match_key, course_id
    from courses
    where course_code is not null and term_order in (select term_order from named_terms)
),

by_title as (
    select term_order, 't:' || lower(course_title) as match_key, min(course_id) as course_id
    from courses
    where course_title is not null and term_order in (select term_order from named_terms)
    group by term_order, lower(course_title)
    having count(*) = 1
)

select * from by_code
union all
select * from by_title
