-- Members of every count cell of `participation_by_year` under one view (see participation_by_term.sql).
-- A school year '2019-20' is Summer 2019, Fall 2019, Winter 2020 and Spring 2020. New: first term
-- in the year; returning: took part before the year. courses (kind 'c') is not a protected count;
-- it is listed so the engine can build the table when no live query exists.
with course_rows as (
    select
        course_id,
        course_no,
        term_order,
        sector,
        enrollments,
        school_year_start(term_order) as year_start
    from mart_course_sectors
    where ($sectors is null or list_contains($sectors, sector))
      and ($categories is null or list_contains($categories, category))
),

people as (
    select distinct
        person_no,
        school_year_start(term_order) as year_start,
        school_year_start(first_term_order) as first_year_start
    from mart_participant_terms
    where ($sectors is null or list_contains($sectors, sector))
      and ($categories is null or (strand_mask & strand_mask_of($categories)) != 0)
)

select
    school_year_label(year_start) as row_key,
    'enrollments' as measure,
    'e' as kind,
    md5_number_lower(course_id || chr(31) || sector) as unit,
    enrollments as weight
from course_rows
union all
select distinct school_year_label(year_start), 'courses', 'c', course_no, 1 from course_rows
union all
select
    school_year_label(year_start),
    unnest(['participants', case when first_year_start = year_start then 'new_participants' else 'returning_participants' end]),
    'p',
    person_no,
    1
from people
union all
select distinct
    school_year_label(school_year_start(term_order)),
    'schools',
    's',
    school_no,
    1
from mart_school_terms
where ($sectors is null or list_contains($sectors, sector))
  and ($categories is null or list_contains($categories, category))
union all
select distinct
    school_year_label(school_year_start(s.term_order)),
    s.role || 's',
    'p',
    s.person_no,
    1
from mart_course_staff as s
where s.course_no in (select course_no from course_rows)
