-- Grain: one leader sector and participant sector with at least one counted enrollment
-- (docs/METRICS.md `cross_sector_exchange`). A course led from two sectors counts its enrollments
-- once under each distinct leader sector; a course with no leader is not in this table.
-- Enrollments per course and participant sector (the course-sector mart): the join multiplies
-- course rows, not single enrollments.
with per_course as (
    select
        course_no,
        sector,
        enrollments
    from counted_course_sectors($layer, $sectors, $categories, $term_from, $term_to)
)

select
    l.leader_sector,
    c.sector as participant_sector,
    sum(c.enrollments)::bigint as enrollments
from per_course as c
inner join query_table($layer || 'course_leader_sectors') as l on l.course_no = c.course_no
group by l.leader_sector, c.sector
order by l.leader_sector, c.sector
