-- Grain: one course of the catalog with at least one counting enrollment: what course_mix shows of
-- it over all participant sectors (its participants, sectors represented and mixing index from
-- its course-sector rows), with the catalog's text and order (stg_course_numbers) and its leaders'
-- sectors (stg_course_leader_sectors) already joined. A course's term and strand are one (its id
-- holds the term, its enrollments are of that term, the catalog gives its strand), so a
-- strand or term filter keeps or drops the whole row: with no sector chosen course_mix reads these
-- rows (course_mix_rows) instead of adding up 167,000 course-sector rows and joining 49,000
-- courses twice at 1,000,000 enrollments. A row depends on its course's term (course-sector and
-- catalog rows) and its leaders (leader sectors) only.
-- (grouped and joined by number: integers hash faster than the course ids' text)
create or replace view stg_course_totals as
with per_course as (
    select
        course_no,
        any_value(term_order) as term_order,
        any_value(category) as category,
        sum(enrollments)::bigint as participants,
        count(*) as sectors_represented,
        1 - sum(enrollments * enrollments) / (sum(enrollments) ^ 2) as mixing_index
    from stg_course_sectors
    group by course_no
),

leader_lists as (
    select distinct
        course_no,
        leader_sectors
    from stg_course_leader_sectors
)

select
    p.*,
    n.term,
    n.course_code,
    n.course_title,
    n.category as catalog_category,
    n.place_in_term,
    l.leader_sectors
from per_course as p
inner join stg_course_numbers as n on n.course_no = p.course_no
left join leader_lists as l on l.course_no = p.course_no;
