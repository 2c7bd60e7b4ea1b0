-- Grain: one school year with at least one counted enrollment (docs/METRICS.md `participation_by_year`).
-- A school year runs Summer, Fall, Winter, Spring: `2019-20` is Summer 2019 to Spring 2020
-- (staging macros school_year_start / school_year_label). Counts are distinct over the year's terms (a person in Fall and Spring counts once);
-- new = first term (over all data) inside the year, returning = first term before the year starts.
-- The term filters choose terms, so a year cut by term_from / term_to counts only its chosen terms.
-- The same members as participation_by_term (members layer, analytics/sql/staging/13-19), by year.
with volume as (
    select
        school_year_start(term_order) as start_year,
        count(distinct course_no) as courses,
        sum(enrollments)::bigint as enrollments
    from counted_course_sectors($layer, $sectors, $categories, $term_from, $term_to)
    group by start_year
),

people as (
    select
        school_year_start(term_order) as start_year,
        person_no,
        school_year_start(first_term_order) as first_year
    from counted_participants($layer, $sectors, $categories, $term_from, $term_to)
),

per_year as (
    select
        start_year,
        count(distinct person_no) as participants,
        count(distinct person_no) filter (where first_year = start_year) as new_participants,
        count(distinct person_no) filter (where first_year < start_year) as returning_participants
    from people
    group by start_year
),

schools as (
    select
        school_year_start(term_order) as start_year,
        count(distinct school_no) as schools
    from counted_school_terms($layer, $sectors, $categories, $term_from, $term_to)
    group by start_year
),

staff as (
    select
        school_year_start(term_order) as start_year,
        count(distinct person_no) filter (where role = 'leader') as leaders,
        count(distinct person_no) filter (where role = 'mentor') as mentors
    from counted_staff($layer, $sectors, $categories, $term_from, $term_to)
    group by start_year
)

select
    school_year_label(v.start_year) as school_year,
    v.courses,
    v.enrollments,
    p.participants,
    p.new_participants,
    p.returning_participants,
    coalesce(k.schools, 0) as schools,
    coalesce(s.leaders, 0) as leaders,
    coalesce(s.mentors, 0) as mentors
from volume as v
inner join per_year as p on p.start_year = v.start_year
left join schools as k on k.start_year = v.start_year
left join staff as s on s.start_year = v.start_year
order by v.start_year
