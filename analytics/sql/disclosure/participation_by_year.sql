-- Members of every count cell of `participation_by_year` under one view (see participation_by_term.sql).
-- A school year '2019-20' is Summer 2019, Fall 2019, Winter 2020 and Spring 2020. New: first term
-- in the year; returning: took part before the year. courses (kind 'c') is not a protected count;
-- it is listed so the engine can build the table when no live query exists.
select
    school_year_label(school_year_start(term_order)) as row_key,
    'enrollments' as measure,
    'e' as kind,
    enrollment_group_no(course_id, sector) as unit,
    enrollments as weight
from counted_course_sectors($layer, $sectors, $categories, $term_from, $term_to)
union all
select distinct school_year_label(school_year_start(term_order)), 'courses', 'c', course_no, 1
from counted_course_sectors($layer, $sectors, $categories, $term_from, $term_to)
union all
select distinct
    school_year_label(school_year_start(term_order)),
    unnest([
        'participants',
        case
            when school_year_start(first_term_order) = school_year_start(term_order) then 'new_participants'
            else 'returning_participants'
        end
    ]),
    'p',
    person_no,
    1
from counted_participants($layer, $sectors, $categories, $term_from, $term_to)
union all
select distinct
    school_year_label(school_year_start(term_order)),
    'schools',
    's',
    school_no,
    1
from counted_school_terms($layer, $sectors, $categories, $term_from, $term_to)
union all
select distinct
    school_year_label(school_year_start(term_order)),
    role || 's',
    'p',
    person_no,
    1
from counted_staff($layer, $sectors, $categories, $term_from, $term_to)
