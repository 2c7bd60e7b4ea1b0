-- Members layer (see 13_counted_course_sectors.sql).
-- Grain: one person in one role in one term on the staff of a counted course (counted_staff, every
-- term up to term_to), with what the leader pipeline asks over all data: new_leader, the first
-- term they led any course; from_participants, a leader who took part in a term before; and
-- first_in_scope, their first term in this role on a counted course.
create or replace macro pipeline_staff(layer, sectors, categories, term_to) as table
with scope_staff as (
    from counted_staff(layer, sectors, categories, null, term_to)
),

first_led as (
    select
        person_no,
        min(term_order) as first_led_order
    from query_table(layer || 'course_staff')
    where role = 'leader'
    group by person_no
),

-- Only the staff's own first terms are needed: filter before grouping.
first_participated as (
    select
        person_no,
        min(first_term_order) as first_term_order
    from query_table(layer || 'participant_terms')
    where person_no in (select person_no from scope_staff)
    group by person_no
)

select
    s.term_order,
    s.role,
    s.person_no,
    coalesce(s.role = 'leader' and f.first_led_order = s.term_order, false) as new_leader,
    coalesce(s.role = 'leader' and p.first_term_order < s.term_order, false) as from_participants,
    min(s.term_order) over (partition by s.role, s.person_no) as first_in_scope
from scope_staff as s
left join first_led as f on f.person_no = s.person_no
left join first_participated as p on p.person_no = s.person_no;
