-- Members layer (see 13_counted_course_sectors.sql).
-- Grain: one person in one role in one term on the staff of a counted course (counted_staff, every
-- term up to term_to), with what the leader pipeline asks over all data (the staff paths mart):
-- new_leader, the first term they led any course; from_participants, a leader who took part in a
-- term before; and first_in_scope, their first term in this role on a counted course.
create or replace macro pipeline_staff(layer, sectors, categories, term_to) as table
with scope_staff as (
    from counted_staff(layer, sectors, categories, null, term_to)
),

-- a join to the minimum costs less than a window over every row
firsts as (
    select
        role,
        person_no,
        min(term_order) as first_in_scope
    from scope_staff
    group by role, person_no
)

select
    s.term_order,
    s.role,
    s.person_no,
    new_leader(s.role, s.term_order, p.first_led_order) as new_leader,
    from_participants(s.role, s.term_order, p.first_term_order) as from_participants,
    f.first_in_scope
from scope_staff as s
inner join firsts as f on f.role = s.role and f.person_no = s.person_no
left join query_table(layer || 'staff_paths') as p on p.person_no = s.person_no;

-- Grain: one term up to term_to with counted staff: how many leaders and mentors (as pipeline_staff
-- lists them), new leaders, leaders who took part before, and first_leaders / first_mentors, the
-- people whose first term in the role on a counted course (first_in_scope) is this one. With no
-- sector or strand filter, counted from the staff terms (staff_terms: role_first is then
-- first_in_scope, a term_to never moving a first term it keeps); else from pipeline_staff's rows.
-- The branch not taken is empty and costs nothing.
create or replace macro pipeline_staff_counts(layer, sectors, categories, term_to) as table
with staff as (
    select
        term_order,
        role,
        new_leader,
        from_participants,
        role_first
    from query_table(layer || 'staff_terms')
    where staff_terms_suffice(sectors, categories, null, false) and in_terms(term_order, null, term_to)
    union all
    select
        term_order,
        role,
        new_leader,
        from_participants,
        term_order = first_in_scope
    from pipeline_staff(layer, sectors, categories, term_to)
    where not staff_terms_suffice(sectors, categories, null, false)
)

select
    term_order,
    count(*) filter (where role = 'leader') as leaders,
    count(*) filter (where role = 'mentor') as mentors,
    count(*) filter (where new_leader) as new_leaders,
    count(*) filter (where from_participants) as leaders_from_participants,
    count(*) filter (where role = 'leader' and role_first) as first_leaders,
    count(*) filter (where role = 'mentor' and role_first) as first_mentors
from staff
group by term_order;
