-- Members of every count cell of `participation_by_year` under one view (see participation_by_term.sql).
-- A school year '2019-20' is Summer 2019, Fall 2019, Winter 2020 and Spring 2020. New: first term
-- in the year; returning: took part before the year (each person once a year in each count).
-- courses (kind 'c') is not a protected count; it is listed so the engine can build the table
-- when no live query exists.
with people as (
    select distinct
        person_no,
        school_year_start(term_order) as start_year,
        school_year_start(first_term_order) = school_year_start(term_order) as new_in_year
    from counted_participants($layer, $sectors, $categories, $term_from, $term_to)
)

select school_year_label(school_year_start(term_order)) as row_key, measure, kind, unit, weight
from enrollment_members($layer, $sectors, $categories, $term_from, $term_to)
union all
select distinct school_year_label(school_year_start(term_order)), 'courses', 'c', course_no, 1
from enrollment_members($layer, $sectors, $categories, $term_from, $term_to)
union all
select
    school_year_label(start_year),
    unnest(['participants', case when new_in_year then 'new_participants' else 'returning_participants' end]),
    'p',
    person_no,
    1
from people
union all
select distinct school_year_label(school_year_start(term_order)), 'schools', 's', school_no, 1
from counted_school_terms($layer, $sectors, $categories, $term_from, $term_to)
union all
select distinct school_year_label(school_year_start(term_order)), role || 's', 'p', person_no, 1
from counted_staff($layer, $sectors, $categories, $term_from, $term_to)
