-- Grain: one term, status, sector and strand, with how many enrollments (any status) it has.
-- The sector is the participant's sector in the term when the person took part then, else the
-- sector the enrollment itself carries (someone who only withdrew or waited has no other).
create or replace view stg_enrollment_status as
select
    e.term_order,
    e.status,
    coalesce(p.sector, e.sector) as sector,
    coalesce(c.category, 'other') as category,
    count(*) as enrollments
from enrollments as e
left join courses as c on c.course_id = e.course_id
left join stg_participant_terms as p on p.person_id = e.person_id and p.term_order = e.term_order
group by e.term_order, e.status, coalesce(p.sector, e.sector), coalesce(c.category, 'other');
