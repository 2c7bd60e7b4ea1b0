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
),

-- (joined from one aggregate per course: the same list as a window over the course's rows, which
-- costs several times more with an ordered string aggregate)
joined as (
    select
        course_id,
        string_agg(leader_sector, ';' order by leader_sector) as leader_sectors
    from distinct_sectors
    group by course_id
)

select
    d.*,
    j.leader_sectors
from distinct_sectors as d
inner join joined as j using (course_id);
