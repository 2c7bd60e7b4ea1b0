-- Grain: one term with at least one counted enrollment (METRICS.md `participation_by_term`).
-- Counted = a counting enrollment whose term, strand and participant's sector pass the filters.
-- New / returning come from the unfiltered first term (filters never change history).
with counted as (
    select *
    from stg_enrollment_facts
    where ($sectors is null or list_contains($sectors, sector))
      and ($categories is null or list_contains($categories, category))
      and ($term_from is null or term_order >= $term_from)
      and ($term_to is null or term_order <= $term_to)
),

per_term as (
    select
        term_order,
        count(distinct course_id) as courses,
        count(*) as enrollments,
        count(distinct person_id) as participants,
        count(distinct person_id) filter (where first_term_order = term_order) as new_participants,
        count(distinct person_id) filter (where first_term_order < term_order) as returning_participants,
        count(distinct school_key) as schools
    from counted
    group by term_order
),

counted_courses as (
    select distinct course_id from counted
),

staff as (
    select
        s.term_order,
        count(distinct s.person_id) filter (where s.role = 'leader') as leaders,
        count(distinct s.person_id) filter (where s.role = 'mentor') as mentors
    from stg_course_staff as s
    inner join counted_courses as c on c.course_id = s.course_id
    group by s.term_order
)

select
    term_label(t.term_order) as term,
    t.courses,
    t.enrollments,
    t.participants,
    t.new_participants,
    t.returning_participants,
    t.schools,
    coalesce(s.leaders, 0) as leaders,
    coalesce(s.mentors, 0) as mentors
from per_term as t
left join staff as s on s.term_order = t.term_order
order by t.term_order
