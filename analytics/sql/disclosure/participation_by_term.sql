-- Members of every count cell of `participation_by_term` under one view ($sectors, $categories;
-- never a term range). One row per (row_key, measure, unit): kind 'e' = a group of counting
-- enrollments of one course and participant sector (weight = how many), 'p' = a person,
-- 's' = a school. Counting the members (sum of weights) must give the live table exactly.
with course_rows as (
    select
        course_id,
        course_no,
        term_order,
        sector,
        enrollments
    from mart_course_sectors
    where ($sectors is null or list_contains($sectors, sector))
      and ($categories is null or list_contains($categories, category))
),

people as (
    select
        term_order,
        person_no,
        first_term_order
    from mart_participant_terms
    where ($sectors is null or list_contains($sectors, sector))
      and ($categories is null or (strand_mask & strand_mask_of($categories)) != 0)
)

select
    term_label(term_order) as row_key,
    'enrollments' as measure,
    'e' as kind,
    md5_number_lower(course_id || chr(31) || sector) as unit,
    enrollments as weight
from course_rows
union all
select
    term_label(term_order),
    'participants',
    'p',
    person_no,
    1
from people
union all
select
    term_label(term_order),
    case when first_term_order = term_order then 'new_participants' else 'returning_participants' end,
    'p',
    person_no,
    1
from people
union all
select distinct
    term_label(term_order),
    'schools',
    's',
    school_no,
    1
from mart_school_terms
where ($sectors is null or list_contains($sectors, sector))
  and ($categories is null or list_contains($categories, category))
union all
select distinct
    term_label(s.term_order),
    s.role || 's',
    'p',
    s.person_no,
    1
from mart_course_staff as s
where s.course_no in (select course_no from course_rows)
