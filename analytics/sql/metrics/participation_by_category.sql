-- Grain: one term and strand with at least one counted enrollment (docs/METRICS.md `participation_by_category`).
-- People come from the person-term mart (one row per participant and term, with a map of their
-- enrollments per strand) turned into one row per participant, term and strand; courses from the
-- course-sector mart.
with courses as (
    select
        term_order,
        category,
        count(distinct course_no) as courses
    from mart_course_sectors
    where passes_filters(sector, category, term_order, $sectors, $categories, $term_from, $term_to)
    group by term_order, category
),

people_strands as (
    -- one row per participant, term and strand they took part in (a strand is a key of the map)
    select
        term_order,
        unnest(map_keys(enrollments_by_strand)) as category,
        unnest(map_values(enrollments_by_strand)) as enrollments
    from mart_participant_terms
    where chosen($sectors, sector)
      and in_terms(term_order, $term_from, $term_to)
),

people as (
    select
        term_order,
        category,
        sum(enrollments)::bigint as enrollments,
        count(*) as participants
    from people_strands
    where enrollments > 0
      and chosen($categories, category)
    group by term_order, category
)

select
    term_label(p.term_order) as term,
    p.category,
    c.courses,
    p.enrollments,
    p.participants
from people as p
inner join courses as c on c.term_order = p.term_order and c.category = p.category
order by p.term_order, p.category
