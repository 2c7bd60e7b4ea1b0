-- Grain: one term and strand with at least one counted enrollment (docs/METRICS.md `participation_by_category`).
-- People come from the person-term mart (one row per participant and term, with the bits of their
-- strands) joined to the strands; courses and enrollments from the course-sector mart.
with courses as (
    select
        term_order,
        category,
        count(distinct course_no) as courses,
        sum(enrollments)::bigint as enrollments
    from mart_course_sectors
    where passes_filters(sector, category, term_order, $sectors, $categories, $term_from, $term_to)
    group by term_order, category
),

-- one row per participant, term and strand they took part in (a bit of their strand_mask)
people as (
    select
        p.term_order,
        s.category,
        count(*) as participants
    from mart_participant_terms as p
    inner join stg_strands as s on (p.strand_mask & (1::ubigint << s.strand_bit)) != 0
    where chosen($sectors, p.sector)
      and in_terms(p.term_order, $term_from, $term_to)
      and chosen($categories, s.category)
    group by p.term_order, s.category
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
