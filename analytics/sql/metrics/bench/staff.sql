-- Grain: one synthetic leader or mentor of one course (benchmark only): two leaders and a mentor
-- drawn from the whole pool; one in five has no catalog sector (falls back to school / own).
insert into course_staff (course_id, role, person_id, sector, batch_id)
select distinct on (course_id, role, person_id) *
from (
    select
        c.course_id,
        r.role,
        'p' || floor(random() * $people)::bigint || '@x.org' as person_id,
        case
            when random() < 0.8
                then (['district', 'charter', 'catholic', 'independent'])[1 + floor(random() * 4)::int]
        end as sector,
        0 as batch_id
    from courses as c, (values ('leader'), ('leader'), ('mentor')) as r (role)
)
