-- Members layer (see 13_counted_course_sectors.sql).
-- Grain: one person who led a course in a term after their first term as a participant, read
-- over all data (filters never change a person's history), with first_lead_order, the first such
-- term (the staff paths mart). Only those who went on to lead: the pipeline tables join it to far
-- more participants.
create or replace macro later_leaders(layer) as table
select
    person_no,
    first_lead_order
from query_table(layer || 'staff_paths')
where first_lead_order is not null;

-- Grain: one person who counts as a participant under the filters in some term (a starter of the
-- participant -> leader -> mentor path), with their path over all data: first_lead_order
-- (later_leaders; null: never led after their first term) and mentored_after_lead (mentored in a
-- term after that first lead).
create or replace macro pipeline_starters(layer, sectors, categories, term_from, term_to) as table
with starters as (
    select distinct person_no
    from counted_participants(layer, sectors, categories, term_from, term_to)
)

select
    s.person_no,
    p.first_lead_order,
    coalesce(p.mentored_after_lead, false) as mentored_after_lead
from starters as s
left join query_table(layer || 'staff_paths') as p on p.person_no = s.person_no;
