-- Grain: one person in one role (leader or mentor) of one course, of one file
-- (batch), from the loadable catalog rows; names pair with addresses when a cell lists as many.
create or replace temp view ing_new_course_staff as
with leaders as (
    select
        r.batch_id,
        r.course_id,
        'leader' as role,
        unnest(r.leaders) as email,
        unnest(generate_series(1, len(r.leaders))) as pos,
        r.leader_names as names,
        len(r.leaders) as n,
        r.leader_school as school,
        r.leader_sector_norm as sector,
        r.line_no
    from ing_rows as r
    where r.reject is null
),

mentors as (
    select
        r.batch_id,
        r.course_id,
        'mentor' as role,
        unnest(r.mentors) as email,
        unnest(generate_series(1, len(r.mentors))) as pos,
        r.mentor_names as names,
        len(r.mentors) as n,
        null::varchar as school,
        r.mentor_sector_norm as sector,
        r.line_no
    from ing_rows as r
    where r.reject is null and len(r.mentors) > 0
),

staff as (
    select * from leaders
    union all
    select * from mentors
)

select
    s.batch_id,
    s.course_id,
    s.role,
    coalesce(idn.person_id, s.email) as person_id,
    arg_max(case when len(s.names) = s.n then s.names[s.pos] end, s.line_no) as name,
    arg_max(s.school, s.line_no) as school,
    arg_max(s.sector, s.line_no) as sector
from staff as s
left join ing_identity as idn on idn.email = s.email
group by s.batch_id, s.course_id, s.role, coalesce(idn.person_id, s.email)
