-- Grain: one first-term cohort and one term present in the data at or after it
-- (METRICS.md `cohort_retention`). Sector and strand filters choose the members (one of their
-- counting enrollments in the cohort term passes them); term filters choose the cohorts and
-- terms shown. Being active in a later term counts in any sector or strand.
with members as (
    select
        person_no,
        first_term_order as cohort_order
    from mart_participant_terms
    where term_order = first_term_order
      and ($sectors is null or list_contains($sectors, sector))
      and ($term_from is null or term_order >= $term_from)
      and ($term_to is null or term_order <= $term_to)
      and strand_enrollments($categories, n_all_learners, n_culturally_proficient, n_rigorous_curricula, n_other) > 0
),

cohorts as (
    select
        cohort_order,
        count(*) as cohort_size
    from members
    group by cohort_order
),

grid as (
    select
        c.cohort_order,
        c.cohort_size,
        t.term_order
    from cohorts as c
    inner join mart_terms as t on t.term_order >= c.cohort_order
    where ($term_to is null or t.term_order <= $term_to)
),

activity as (
    select
        m.cohort_order,
        p.term_order,
        count(*) as active
    from members as m
    inner join mart_participant_terms as p on p.person_no = m.person_no and p.term_order >= m.cohort_order
    group by m.cohort_order, p.term_order
)

select
    term_label(g.cohort_order) as cohort,
    g.cohort_size,
    term_label(g.term_order) as term,
    coalesce(a.active, 0) as active,
    round(coalesce(a.active, 0) / g.cohort_size, 4) as retention_rate
from grid as g
left join activity as a on a.cohort_order = g.cohort_order and a.term_order = g.term_order
order by g.cohort_order, g.term_order
