-- Grain: one person named as leader or mentor of one course, with the course's term and the
-- staff member's sector: the catalog's, else their school's, else the sector of their own
-- latest counting enrollment, else 'other'.
-- (the latest own sector is found and matched by the person's number: integers group and join
-- faster than addresses, and an import's update reads no address from the person-term mart)
create or replace view stg_course_staff as
with numbered as materialized (
    select
        *,
        md5_number_lower(course_id) as course_no,
        md5_number_lower(person_id) as person_no
    from course_staff
),

staff_schools as materialized (
    -- each distinct school text normalised once (the rule of schools.school_key), not once per row
    select
        school,
        nullif(regexp_replace(lower(trim(school)), '\s+', ' ', 'g'), '') as school_key
    from (select distinct school from course_staff)
),

latest_own_sector as (
    select
        p.person_no,
        arg_max(p.sector, p.term_order) as sector
    from stg_participant_terms as p
    semi join numbered as n on n.person_no = p.person_no
    group by p.person_no
)

select
    s.course_id,
    c.term_order,
    c.category,
    s.role,
    s.person_id,
    coalesce(s.sector, sch.sector, own.sector, 'other') as sector,
    s.course_no,
    s.person_no
from numbered as s
inner join courses as c on c.course_id = s.course_id
left join staff_schools as ss on ss.school = s.school
left join schools as sch on sch.school_key = ss.school_key
left join latest_own_sector as own on own.person_no = s.person_no;
