-- Members of every count cell of `participation_by_sector` under one view (see
-- participation_by_term.sql for the columns). The participant's sector in the term decides the row.
select
    term_label(term_order) || chr(31) || sector as row_key,
    'enrollments' as measure,
    'e' as kind,
    enrollment_group_no(course_id, sector) as unit,
    enrollments as weight
from counted_course_sectors($layer, $sectors, $categories, $term_from, $term_to)
union all
select
    term_label(term_order) || chr(31) || sector,
    unnest(['participants', case when first_term_order = term_order then 'new_participants' else 'returning_participants' end]),
    'p',
    person_no,
    1
from counted_participants($layer, $sectors, $categories, $term_from, $term_to)
