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

-- Grain: one course of the catalog with counted enrollments under the filters, as course_mix shows
-- it: its catalog text and order, leaders' sectors, participants (counted enrollments: one per
-- person and course), sectors represented and mixing index (Gini-Simpson over the participants'
-- sectors). With no sector chosen, the course totals (one row per course, over all sectors, kept
-- or dropped whole by a strand or term filter: a course has one term and one strand); with one,
-- added up from the counted course-sector rows. The branch not taken is empty and costs nothing.
create or replace macro course_mix_rows(layer, sectors, categories, term_from, term_to) as table
select
    term_order,
    place_in_term,
    term,
    course_code,
    course_title,
    catalog_category as category,
    leader_sectors,
    participants,
    sectors_represented,
    mixing_index
from query_table(layer || 'course_totals')
where sectors is null and passes_filters(null, category, term_order, null, categories, term_from, term_to)
union all
select
    c.term_order,
    c.place_in_term,
    c.term,
    c.course_code,
    c.course_title,
    c.category,
    l.leader_sectors,
    p.participants,
    p.sectors_represented,
    p.mixing_index
from (
    select
        course_no,
        sum(enrollments)::bigint as participants,
        count(*) as sectors_represented,
        1 - sum(enrollments * enrollments) / (sum(enrollments) ^ 2) as mixing_index
    from counted_course_sectors(layer, sectors, categories, term_from, term_to)
    where sectors is not null
    group by course_no
) as p
inner join query_table(layer || 'course_numbers') as c on c.course_no = p.course_no
left join course_leader_lists(layer) as l on l.course_no = p.course_no;
