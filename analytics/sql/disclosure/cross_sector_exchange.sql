-- Members of every count cell of `cross_sector_exchange` under one view (see participation_by_term.sql).
-- A course led from two sectors puts its enrollment groups in both leader sectors' rows.
select
    l.leader_sector || chr(31) || e.sector as row_key,
    e.measure,
    e.kind,
    e.unit,
    e.weight
from enrollment_members($layer, $sectors, $categories, $term_from, $term_to) as e
inner join query_table($layer || 'course_leader_sectors') as l on l.course_no = e.course_no
