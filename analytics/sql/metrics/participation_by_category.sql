-- Grain: one term and strand with at least one counted enrollment (docs/METRICS.md `participation_by_category`).
-- People come from the person-term mart (enrollments per strand, one row per participant and
-- term) turned into one row per participant, term and strand; courses from the course-sector mart.
with courses as (
    select
        term_order,
        category,
        count(distinct course_no) as courses
    from mart_course_sectors
    where passes_filters(sector, category, term_order, $sectors, $categories, $term_from, $term_to)
    group by term_order, category
),

people_terms as (
    select
        term_order,
        n_all_learners as all_learners,
        n_culturally_proficient as culturally_proficient,
        n_rigorous_curricula as rigorous_curricula,
        n_other as other
    from mart_participant_terms
    where chosen($sectors, sector)
      and in_terms(term_order, $term_from, $term_to)
),

people_strands as (
    unpivot people_terms
    on all_learners, culturally_proficient, rigorous_curricula, other
    into name category value enrollments
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
