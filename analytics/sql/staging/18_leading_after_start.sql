-- Members layer (see 13_counted_course_sectors.sql).
-- Grain: one person who ever took part, with their first term and, over all data (filters never
-- change a person's history), first_lead_order: the first term after it in which they led a course
-- (null: never); mentored_after_lead: they mentored in a term after that one.
create or replace macro leading_after_start(layer) as table
with starts as (
    select
        person_no,
        first_term_order
    from query_table(layer || 'participant_terms')
    where term_order = first_term_order
),

first_lead as (
    select
        s.person_no,
        min(staff.term_order) as first_lead_order
    from starts as s
    inner join query_table(layer || 'course_staff') as staff
        on staff.person_no = s.person_no and staff.role = 'leader' and staff.term_order > s.first_term_order
    group by s.person_no
),

mentored_after as (
    select distinct l.person_no
    from first_lead as l
    inner join query_table(layer || 'course_staff') as staff
        on staff.person_no = l.person_no and staff.role = 'mentor' and staff.term_order > l.first_lead_order
)

select
    s.person_no,
    s.first_term_order,
    l.first_lead_order,
    m.person_no is not null as mentored_after_lead
from starts as s
left join first_lead as l on l.person_no = s.person_no
left join mentored_after as m on m.person_no = s.person_no;

-- Grain: one person who counts as a participant under the filters in some term (a starter of
-- the participant -> leader -> mentor path), with their path over all data (leading_after_start).
create or replace macro pipeline_starters(layer, sectors, categories, term_from, term_to) as table
select *
from leading_after_start(layer)
where person_no in (select person_no from counted_participants(layer, sectors, categories, term_from, term_to));
