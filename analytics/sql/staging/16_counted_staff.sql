-- Members layer (see 13_counted_course_sectors.sql).
-- Grain: one person in one role (leader, mentor) in one term, on the staff of a course that has
-- counted enrollments under the filters.
create or replace macro counted_staff(layer, sectors, categories, term_from, term_to) as table
select distinct
    term_order,
    role,
    person_no
from query_table(layer || 'course_staff')
where course_no in (select course_no from counted_course_sectors(layer, sectors, categories, term_from, term_to));

-- Whether staff counts can be counted from the staff terms (staff_terms: one row per person, role
-- and term, flags worked out) instead of counted_staff: when no sector or strand is chosen, and by
-- school year (by_year) when no term_from cuts a year short (under a term_to alone a person's first
-- term of a year is counted whenever any of their terms of it is).
create or replace macro staff_terms_suffice(sectors, categories, term_from, by_year) as
    sectors is null and categories is null and (not by_year or term_from is null);
