-- Grain: one course and one distinct sector of its leaders (a course led from two sectors has
-- two rows; a course without a leader has none); leader_sectors: all of them, alphabetical,
-- joined with ';' (the same on each row of the course).
create or replace view stg_course_leader_sectors as
with distinct_sectors as (
    select distinct
        course_id,
        course_no,
        sector as leader_sector
    from stg_course_staff
    where role = 'leader'
)

select
    *,
    string_agg(leader_sector, ';' order by leader_sector) over (partition by course_id) as leader_sectors
from distinct_sectors;
