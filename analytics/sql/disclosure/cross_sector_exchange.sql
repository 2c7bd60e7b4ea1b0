-- Members of every count cell of `cross_sector_exchange` under one view (see participation_by_term.sql).
-- A course led from two sectors puts its enrollment groups in both leader sectors' rows.
select
    l.leader_sector || chr(31) || c.sector as row_key,
    'enrollments' as measure,
    'e' as kind,
    md5_number_lower(c.course_id || chr(31) || c.sector) as unit,
    c.enrollments as weight
from mart_course_sectors as c
inner join mart_course_leader_sectors as l on l.course_no = c.course_no
where ($sectors is null or list_contains($sectors, c.sector))
  and ($categories is null or list_contains($categories, c.category))
