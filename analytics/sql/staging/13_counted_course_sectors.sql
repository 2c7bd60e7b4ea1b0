-- The members layer (files 13-22): what the metric queries count and the disclosure queries list,
-- written once. Each macro takes `layer`, the prefix of the relations it reads: 'mart_' for the
-- materialised marts, 'stg_' for these views when the marts cannot be brought up to date (the
-- runners bind it as $layer; no other value is ever bound), then the filters (NULL = none).

-- Grain: one course and participant sector whose counted enrollments pass the filters (its
-- enrollments: the course's counted enrollments from participants of that sector).
create or replace macro counted_course_sectors(layer, sectors, categories, term_from, term_to) as table
select *
from query_table(layer || 'course_sectors')
where passes_filters(sector, category, term_order, sectors, categories, term_from, term_to);

-- Grain: one course with at least one leader: leader_sectors, its leaders' distinct sectors in
-- alphabetical order joined with ';' (the course leader sectors mart repeats it on each sector's row).
create or replace macro course_leader_lists(layer) as table
select distinct
    course_no,
    leader_sectors
from query_table(layer || 'course_leader_sectors');
