-- Members layer (see 13_counted_course_sectors.sql).
-- Grain: one person who led a course in a term after their first term as a participant, read
-- over all data (filters never change a person's history), with first_lead_order, the first such
-- term. Only those who went on to lead: the pipeline tables join it to far more participants.
create or replace macro later_leaders(layer) as table
select
    p.person_no,
    min(staff.term_order) as first_lead_order
from query_table(layer || 'participant_terms') as p
inner join query_table(layer || 'course_staff') as staff
    on staff.person_no = p.person_no and staff.role = 'leader' and staff.term_order > p.first_term_order
where p.term_order = p.first_term_order
group by p.person_no;

-- Grain: one person who counts as a participant under the filters in some term (a starter of the
-- participant -> leader -> mentor path), with their path over all data: first_lead_order
-- (later_leaders; null: never led after their first term) and mentored_after_lead (mentored in a
-- term after that first lead).
create or replace macro pipeline_starters(layer, sectors, categories, term_from, term_to) as table
with starters as (
    select distinct person_no
    from counted_participants(layer, sectors, categories, term_from, term_to)
),

mentored_after as (
    select distinct l.person_no
    from later_leaders(layer) as l
    inner join query_table(layer || 'course_staff') as staff
        on staff.person_no = l.person_no and staff.role = 'mentor' and staff.term_order > l.first_lead_order
)

select
    s.person_no,
    l.first_lead_order,
    m.person_no is not null as mentored_after_lead
from starters as s
left join later_leaders(layer) as l on l.person_no = s.person_no
left join mentored_after as m on m.person_no = s.person_no;
