-- Grain: one person in one role in one term on the staff of a course with at least one counting
-- enrollment (a course-sector row): with no sector or strand filter, exactly the rows counted_staff
-- and pipeline_staff list, with what their tables ask already worked out, so that the staff counts
-- per term and school year are counts of these rows instead of a distinct over the 89,000 staff
-- rows joined to the courses at 1,000,000 enrollments (staff_by_period, pipeline_staff_counts).
-- new_leader and from_participants: the macros of 09_stg_staff_paths.sql, as in pipeline_staff; year_first:
-- the person's first such term in this role in the row's school year (a year counts each person
-- once); role_first: their first such term in this role over all data (the cumulative counts start
-- there). A person's rows depend on their own staff rows, their path and whether their courses have
-- counting enrollments only: an import rebuilds the rows of the people whose staff paths it rebuilds.
create or replace view stg_staff_terms as
with staff as (
    select distinct
        term_order,
        role,
        person_no
    from stg_course_staff
    where course_no in (select course_no from stg_course_sectors)
),

-- joins to the minima cost less than windows over every row
year_firsts as (
    select
        role,
        person_no,
        min(term_order) as first_order
    from staff
    group by role, person_no, school_year_start(term_order)
),

role_firsts as (
    select
        role,
        person_no,
        min(first_order) as first_order
    from year_firsts
    group by role, person_no
)

select
    s.term_order,
    s.role,
    s.person_no,
    new_leader(s.role, s.term_order, p.first_led_order) as new_leader,
    from_participants(s.role, s.term_order, p.first_term_order) as from_participants,
    y.person_no is not null as year_first,
    r.person_no is not null as role_first
from staff as s
left join year_firsts as y on y.role = s.role and y.person_no = s.person_no and y.first_order = s.term_order
left join role_firsts as r on r.role = s.role and r.person_no = s.person_no and r.first_order = s.term_order
left join stg_staff_paths as p on p.person_no = s.person_no;
