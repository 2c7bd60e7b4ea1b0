-- Grain: one term and strand with at least one counted enrollment (METRICS.md `participation_by_category`).
with counted as (
    select *
    from mart_enrollment_facts
    where ($sectors is null or list_contains($sectors, sector))
      and ($categories is null or list_contains($categories, category))
      and ($term_from is null or term_order >= $term_from)
      and ($term_to is null or term_order <= $term_to)
),

-- Courses (a course has one strand): group per course first, then count rows (no distinct count).
per_course as (
    select
        term_order,
        category,
        course_no,
        count(*) as enrollments
    from counted
    group by term_order, category, course_no
),

per_category as (
    select
        term_order,
        category,
        count(*) as courses,
        sum(enrollments)::bigint as enrollments
    from per_course
    group by term_order, category
),

-- People in a strand: distinct pairs first, then a plain count (cheaper than a distinct count).
per_person as (
    select distinct
        term_order,
        category,
        person_no
    from counted
),

people as (
    select
        term_order,
        category,
        count(*) as participants
    from per_person
    group by term_order, category
)

select
    term_label(c.term_order) as term,
    c.category,
    c.courses,
    c.enrollments,
    p.participants
from per_category as c
inner join people as p on p.term_order = c.term_order and p.category = c.category
order by c.term_order, c.category
