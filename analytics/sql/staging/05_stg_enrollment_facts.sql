-- Grain: one counting enrollment with its participant's sector in that term and first term.
-- This is what every participation metric filters: sector = the participant's sector.
create or replace view stg_enrollment_facts as
select
    e.course_id,
    e.term_order,
    e.person_id,
    e.status,
    e.school_key,
    e.category,
    p.sector,
    p.first_term_order,
    e.course_no,
    e.person_no,
    e.school_no
from stg_counting_enrollments as e
-- (joined by the person's number, not the address: integers hash and compare faster; the marts'
-- check refuses any two addresses sharing a number)
inner join stg_participant_terms as p on p.person_no = e.person_no and p.term_order = e.term_order;
