-- Members of every count cell of `course_mix` under one view (see participation_by_term.sql).
-- The row key is the live table's key columns: term, course_code, course_title, category,
-- leader_sectors (blank when none), joined with the unit separator. Its participants are the
-- course's counted enrollment groups (one enrollment per person and course).
with leader_sectors as (
    select distinct
        course_no,
        leader_sectors
    from query_table($layer || 'course_leader_sectors')
)

select
    term_label(n.term_order) || chr(31) || coalesce(n.course_code, '') || chr(31) || coalesce(n.course_title, '')
    || chr(31) || n.category || chr(31) || coalesce(l.leader_sectors, '') as row_key,
    'participants' as measure,
    e.kind,
    e.unit,
    e.weight
from enrollment_members($layer, $sectors, $categories, $term_from, $term_to) as e
inner join query_table($layer || 'course_numbers') as n on n.course_no = e.course_no
left join leader_sectors as l on l.course_no = e.course_no
