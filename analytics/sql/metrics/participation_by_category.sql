-- Grain: one term and strand with at least one counted enrollment (docs/METRICS.md `participation_by_category`).
-- A person counts under every strand they took part in that term (members layer,
-- analytics/sql/staging/14); courses and enrollments from the counted course-sector rows.
with courses as (
    select
        term_order,
        category,
        count(distinct course_no) as courses,
        sum(enrollments)::bigint as enrollments
    from counted_course_sectors($layer, $sectors, $categories, $term_from, $term_to)
    group by term_order, category
),

people as (
    select
        term_order,
        category,
        count(*) as participants
    from counted_participant_strands($layer, $sectors, $categories, $term_from, $term_to)
    group by term_order, category
)

select
    term_label(p.term_order) as term,
    p.category,
    c.courses,
    c.enrollments,
    p.participants
from people as p
inner join courses as c on c.term_order = p.term_order and c.category = p.category
order by p.term_order, p.category
