-- Grain: one term, role, and what the staff tables ask of a person in that role in that term,
-- with how many people share it (people). Counted are the staff of courses with at least one
-- counting enrollment (a course-sector row), each person once per term and role: with no sector or
-- strand filter these are exactly the staff counted_staff and pipeline_staff list, so the staff
-- counts per term and school year add up a few hundred rows here instead of making 88,000 staff
-- rows distinct at 1,000,000 enrollments (staff_by_period, pipeline_staff_counts). new_leader and
-- from_participants are pipeline_staff's (over all data); year_first: the person's first such term
-- in this role in the school year (a year counts each person once); role_first: their first such
-- term in this role over all data (the cumulative counts start there).
create or replace view stg_staff_terms_cube as
with staff as (
    select distinct
        term_order,
        role,
        person_no
    from stg_course_staff
    where course_no in (select course_no from stg_course_sectors)
),

firsts as (
    select
        role,
        person_no,
        school_year_start(term_order) as start_year,
        min(term_order) as year_first_term
    from staff
    group by role, person_no, start_year
),

marked as (
    select
        s.term_order,
        s.role,
        coalesce(s.role = 'leader' and p.first_led_order = s.term_order, false) as new_leader,
        coalesce(s.role = 'leader' and p.first_term_order < s.term_order, false) as from_participants,
        s.term_order = f.year_first_term as year_first,
        s.term_order = min(f.year_first_term) over (partition by s.role, s.person_no) as role_first
    from staff as s
    inner join firsts as f
        on f.role = s.role and f.person_no = s.person_no and f.start_year = school_year_start(s.term_order)
    left join stg_staff_paths as p on p.person_no = s.person_no
)

select
    term_order,
    role,
    new_leader,
    from_participants,
    year_first,
    role_first,
    count(*) as people
from marked
group by all;
