-- Grain: one term with at least one counted enrollment (docs/METRICS.md `participation_by_term`).
-- Counted = a counting enrollment whose term, strand and participant's sector pass the filters.
-- New / returning come from the unfiltered first term (filters never change history).
-- Every count reads the members layer (analytics/sql/staging/13-19): courses and enrollments per
-- course and sector, people per term, schools per term, staff of counted courses.
with volume as (
    select
        term_order,
        count(distinct course_no) as courses,
        sum(enrollments)::bigint as enrollments
    from counted_course_sectors($layer, $sectors, $categories, $term_from, $term_to)
    group by term_order
),

schools as (
    select
        term_order,
        count(distinct school_no) as schools
    from counted_school_terms($layer, $sectors, $categories, $term_from, $term_to)
    group by term_order
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
inner join participants_by_term($layer, $sectors, $categories, $term_from, $term_to) as p on p.term_order = v.term_order
left join schools as k on k.term_order = v.term_order
left join staff_by_term($layer, $sectors, $categories, $term_from, $term_to) as s on s.term_order = v.term_order
order by v.term_order
