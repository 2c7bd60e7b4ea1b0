-- Grain: one leader sector and participant sector with at least one counted enrollment
-- (METRICS.md `cross_sector_exchange`). A course led from two sectors counts its enrollments
-- once under each distinct leader sector; a course with no leader is not in this table.
with counted as (
    select *
    from mart_enrollment_facts
    where ($sectors is null or list_contains($sectors, sector))
      and ($categories is null or list_contains($categories, category))
      and ($term_from is null or term_order >= $term_from)
      and ($term_to is null or term_order <= $term_to)
),

course_leader_sectors as (
    select distinct
        course_id,
        sector as leader_sector
    from mart_course_staff
    where role = 'leader'
)

select
    l.leader_sector,
    c.sector as participant_sector,
    count(*) as enrollments
from counted as c
inner join course_leader_sectors as l on l.course_id = c.course_id
group by l.leader_sector, c.sector
order by l.leader_sector, c.sector
