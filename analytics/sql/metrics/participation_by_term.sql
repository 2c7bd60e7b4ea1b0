-- Grain: one term with at least one counted enrollment (METRICS.md `participation_by_term`).
-- Counted = a counting enrollment whose term, strand and participant's sector pass the filters.
-- New / returning come from the unfiltered first term (filters never change history).
with counted as (
    select *
    from mart_enrollment_facts
    where ($sectors is null or list_contains($sectors, sector))
      and ($categories is null or list_contains($categories, category))
      and ($term_from is null or term_order >= $term_from)
      and ($term_to is null or term_order <= $term_to)
),

-- People first, then count them: cheaper than distinct counts under filters at a million rows.
per_person as (
    select
        term_order,
        person_no,
        any_value(first_term_order) as first_term_order
    from counted
    group by term_order, person_no
),

people as (
    select
        term_order,
        count(*) as participants,
        count(*) filter (where first_term_order = term_order) as new_participants,
        count(*) filter (where first_term_order < term_order) as returning_participants
    from per_person
    group by term_order
),

per_course as (
    select
        term_order,
        course_no,
        count(*) as enrollments
    from counted
    group by term_order, course_no
),

per_school as (
    select
        term_order,
        count(distinct school_no) as schools
    from counted
    group by term_order
),

volume as (
    select
        c.term_order,
        count(*) as courses,
        sum(c.enrollments)::bigint as enrollments,
        any_value(s.schools) as schools
    from per_course as c
    inner join per_school as s on s.term_order = c.term_order
    group by c.term_order
),

counted_courses as (
    select distinct course_no from per_course
),

staff as (
    select
        s.term_order,
        count(distinct s.person_no) filter (where s.role = 'leader') as leaders,
        count(distinct s.person_no) filter (where s.role = 'mentor') as mentors
    from mart_course_staff as s
    inner join counted_courses as c on c.course_no = s.course_no
    group by s.term_order
)

select
    term_label(v.term_order) as term,
    v.courses,
    v.enrollments,
    p.participants,
    p.new_participants,
    p.returning_participants,
    v.schools,
    coalesce(s.leaders, 0) as leaders,
    coalesce(s.mentors, 0) as mentors
from volume as v
inner join people as p on p.term_order = v.term_order
left join staff as s on s.term_order = v.term_order
order by v.term_order
