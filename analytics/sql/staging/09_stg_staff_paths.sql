-- Grain: one person on the staff of any course, with their path over all data (filters never
-- change a person's history): first_led_order, the first term they led a course (null: they only
-- mentored); first_term_order, their first term as a participant (null: never took part);
-- first_lead_order, the first term they led a course after that first term (null: none), and
-- mentored_after_lead, whether they mentored in a term after that lead. The leader pipeline tables
-- read these from one small row per person instead of going through every person's terms.
create or replace view stg_staff_paths as
with staff as (
    select
        person_no,
        role,
        term_order
    from stg_course_staff
),

participated as (
    select
        person_no,
        min(first_term_order) as first_term_order
    from stg_participant_terms
    where person_no in (select person_no from staff)
    group by person_no
),

later_lead as (
    select
        s.person_no,
        min(s.term_order) as first_lead_order
    from staff as s
    inner join participated as p on p.person_no = s.person_no and s.term_order > p.first_term_order
    where s.role = 'leader'
    group by s.person_no
),

mentored_after as (
    select distinct s.person_no
    from staff as s
    inner join later_lead as l on l.person_no = s.person_no and s.term_order > l.first_lead_order
    where s.role = 'mentor'
),

people as (
    select
        person_no,
        min(term_order) filter (where role = 'leader') as first_led_order
    from staff
    group by person_no
)

select
    s.person_no,
    s.first_led_order,
    p.first_term_order,
    l.first_lead_order,
    m.person_no is not null as mentored_after_lead
from people as s
left join participated as p on p.person_no = s.person_no
left join later_lead as l on l.person_no = s.person_no
left join mentored_after as m on m.person_no = s.person_no;

-- A staff row's place in the leader pipeline, from its person's path (the columns above):
-- new_leader, the first term they led any course; from_participants, a leader who took part in a
-- course in an earlier term. One definition for the staff terms mart and the pipeline's members.
create or replace macro new_leader(role, term_order, first_led_order) as
    coalesce(role = 'leader' and first_led_order = term_order, false);

create or replace macro from_participants(role, term_order, first_term_order) as
    coalesce(role = 'leader' and first_term_order < term_order, false);
