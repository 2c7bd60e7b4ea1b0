-- Grain: one person in one role (leader or mentor) of one course, of one file
-- (batch), from the loadable catalog rows; names pair with addresses when a cell lists as many.
-- A row's leaders and mentors are read the same way: each role is one struct of the row.
create or replace temp view ing_new_course_staff as
with roles as (
    select
        r.batch_id,
        r.course_id,
        r.line_no,
        unnest([
            {
                'role': 'leader', 'emails': r.leaders, 'names': r.leader_names,
                'school': r.leader_school, 'sector': r.leader_sector_norm
            },
            {
                'role': 'mentor', 'emails': r.mentors, 'names': r.mentor_names,
                'school': null::varchar, 'sector': r.mentor_sector_norm
            }
        ]) as staff
    from ing_rows as r
    where r.reject is null
),

staff as (
    select
        batch_id,
        course_id,
        line_no,
        staff.role as role,
        unnest(staff.emails) as email,
        unnest(generate_series(1, len(staff.emails))) as pos,
        staff.names as names,
        len(staff.emails) as n,
        staff.school as school,
        staff.sector as sector
    from roles
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
