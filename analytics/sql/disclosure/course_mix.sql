-- Members of every count cell of `course_mix` under one view (see participation_by_term.sql).
-- The row key is the live table's key columns: term, course_code, course_title, category,
-- leader_sectors (blank when none), joined with the unit separator. Its participants are the
-- course's counted enrollment groups (one enrollment per person and course).
select
    n.term || chr(31) || coalesce(n.course_code, '') || chr(31) || coalesce(n.course_title, '')
    || chr(31) || n.category || chr(31) || coalesce(l.leader_sectors, '') as row_key,
    'participants' as measure,
    e.kind,
    e.unit,
    e.weight
from enrollment_members($layer, $sectors, $categories, $term_from, $term_to) as e
inner join query_table($layer || 'course_numbers') as n on n.course_no = e.course_no
left join course_leader_lists($layer) as l on l.course_no = e.course_no
