-- Grain: one row per course a person was part of, in any role (participant, leader, mentor),
-- with their own survey answers for that course. Every status is shown (a coordinator looking
-- someone up wants the withdrawals too); rows in term order.
with as_participant as (
    select
        e.course_id,
        'participant' as role,
        e.status,
        e.school,
        e.sector
    from enrollments as e
    where e.person_id = lower(trim($person))
),

as_staff as (
    select
        s.course_id,
        s.role,
        null as status,
        s.school,
        s.sector
    from course_staff as s
    where s.person_id = lower(trim($person))
),

roles as (
    select * from as_participant
    union all
    select * from as_staff
),

answers as (
    select
        course_id,
        round(avg(rating), 2) as rating,
        round(avg(recommend), 1) as recommend,
        string_agg(distinct lead_interest, '; ') as lead_interest
    from survey_responses
    where person_id = lower(trim($person))
    group by course_id
)

select
    c.term,
    c.course_code,
    c.course_title,
    c.category,
    r.role,
    r.status,
    r.school,
    r.sector,
    a.rating,
    a.recommend,
    a.lead_interest
from roles as r
inner join courses as c on c.course_id = r.course_id
left join answers as a on a.course_id = r.course_id and r.role = 'participant'
order by c.term_order, c.course_code, c.course_title, r.role
