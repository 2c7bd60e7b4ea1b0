-- Grain: one first-term cohort and one term present in the data at or after it
-- (docs/METRICS.md `cohort_retention`). Sector and strand filters choose the members (one of their
-- counting enrollments in the cohort term passes them); term filters choose the cohorts and
-- terms shown. Being active in a later term counts in any sector or strand.
-- Members and their later terms: cohort_members (members layer, analytics/sql/staging/14).
with activity as (
    select
        first_term_order as cohort_order,
        term_order,
        count(*) as active
    from cohort_members($layer, $sectors, $categories, $term_from, $term_to)
    group by first_term_order, term_order
),

cohorts as (
    -- every member is active in their own first term
    select
        cohort_order,
        active as cohort_size
    from activity
    where term_order = cohort_order
),

grid as (
    select
        c.cohort_order,
        c.cohort_size,
        t.term_order
    from cohorts as c
    inner join query_table($layer || 'terms') as t on t.term_order >= c.cohort_order
    where in_terms(t.term_order, null, $term_to)
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
