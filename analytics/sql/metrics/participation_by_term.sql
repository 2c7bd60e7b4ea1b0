-- Grain: one term with at least one counted enrollment (docs/METRICS.md `participation_by_term`).
-- Counted = a counting enrollment whose term, strand and participant's sector pass the filters.
-- New / returning come from the unfiltered first term (filters never change history).
-- Courses and enrollments come from the course-sector mart, people from the person-term mart,
-- schools from the school-term mart: no scan of single enrollments.
with course_rows as (
    select *
    from mart_course_sectors
    where passes_filters(sector, category, term_order, $sectors, $categories, $term_from, $term_to)
),

per_course as (
    select
        term_order,
        course_no,
        sum(enrollments) as enrollments
    from course_rows
    group by term_order, course_no
),

volume as (
    select
        term_order,
        count(*) as courses,
        sum(enrollments)::bigint as enrollments
    from per_course
    group by term_order
),

-- A participant counts when one of their enrollments of the term passes the filters.
people as (
    select
        term_order,
        count(*) as participants,
        count(*) filter (where first_term_order = term_order) as new_participants,
        count(*) filter (where first_term_order < term_order) as returning_participants
    from mart_participant_terms
    where counted_participant(sector, term_order, strand_mask, $sectors, $categories, $term_from, $term_to)
    group by term_order
),

schools as (
    select
        term_order,
        count(distinct school_no) as schools
    from mart_school_terms
    where passes_filters(sector, category, term_order, $sectors, $categories, $term_from, $term_to)
    group by term_order
),

staff as (
    select
        s.term_order,
        count(distinct s.person_no) filter (where s.role = 'leader') as leaders,
        count(distinct s.person_no) filter (where s.role = 'mentor') as mentors
    from mart_course_staff as s
    inner join per_course as c on c.course_no = s.course_no
    group by s.term_order
)

select
    term_label(v.term_order) as term,
    v.courses,
    v.enrollments,
    p.participants,
    p.new_participants,
    p.returning_participants,
    coalesce(k.schools, 0) as schools,
    coalesce(s.leaders, 0) as leaders,
    coalesce(s.mentors, 0) as mentors
from volume as v
inner join people as p on p.term_order = v.term_order
left join schools as k on k.term_order = v.term_order
left join staff as s on s.term_order = v.term_order
order by v.term_order
