-- Grain: one course offering, with its number. The per-course tables join their counts back to
-- the catalog through this mart: numbering 49,000 courses with md5 in every query cost ~30 ms.
-- term (the label) and place_in_term (its rank in the term by code, blank codes last, title, id)
-- are worked out here once, so that those tables order 49,000 rows by two integers.
create or replace view stg_course_numbers as
select
    course_id,
    md5_number_lower(course_id) as course_no,
    term_order,
    term_label(term_order) as term,
    course_code,
    course_title,
    category,
    row_number() over (
        partition by term_order order by course_code nulls last, course_title, course_id
    ) as place_in_term
from courses;
