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
