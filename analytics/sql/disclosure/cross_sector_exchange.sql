-- Members of every count cell of `cross_sector_exchange` under one view (see participation_by_term.sql).
-- A course led from two sectors puts its enrollment groups in both leader sectors' rows.
select
    l.leader_sector || chr(31) || c.sector as row_key,
    'enrollments' as measure,
    'e' as kind,
    enrollment_group_no(c.course_id, c.sector) as unit,
    c.enrollments as weight
from counted_course_sectors($layer, $sectors, $categories, $term_from, $term_to) as c
inner join mart_course_leader_sectors as l on l.course_no = c.course_no
