-- Grain: one course and one participant sector, with its counting enrollments (also its
-- participants: one enrollment per person and course) and how many are completed. Every filter
-- (sector, strand, term) applies at this grain, so course-level tables need no single enrollments.
create or replace view stg_course_sectors as
select
    course_id,
    any_value(course_no) as course_no,
    term_order,
    category,
    sector,
    count(*) as enrollments,
    count(*) filter (where status = 'completed') as completions
from stg_enrollment_facts
group by course_id, term_order, category, sector;
