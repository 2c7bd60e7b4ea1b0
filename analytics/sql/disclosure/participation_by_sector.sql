-- Members of every count cell of `participation_by_sector` under one view (see
-- participation_by_term.sql for the columns). The participant's sector in the term decides the row.
select
    term_label(term_order) || chr(31) || sector as row_key,
    'enrollments' as measure,
    'e' as kind,
    md5_number_lower(course_id || chr(31) || sector) as unit,
    enrollments as weight
from mart_course_sectors
where ($sectors is null or list_contains($sectors, sector))
  and ($categories is null or list_contains($categories, category))
union all
select
    term_label(term_order) || chr(31) || sector,
    unnest(['participants', case when first_term_order = term_order then 'new_participants' else 'returning_participants' end]),
    'p',
    person_no,
    1
from mart_participant_terms
where ($sectors is null or list_contains($sectors, sector))
  and ($categories is null or (strand_mask & strand_mask_of($categories)) != 0)
