-- Grain: one first-term cohort (docs/METRICS.md `pipeline_conversion`). Members are chosen as in
-- cohort_retention. Leading is history: any course led, in any sector or strand, in a term after
-- the cohort term (later_leaders, members layer). Terms to lead = positions in the ordered list of
-- terms present in the data.
with members as (
    select
        person_no,
        first_term_order as cohort_order
    from cohort_members($layer, $sectors, $categories, $term_from, $term_to)
    where term_order = first_term_order
),

per_cohort as (
    select
        cohort_order,
        count(*) as cohort_size
    from members
    group by cohort_order
),

leaders_per_cohort as (
    select
        m.cohort_order,
        count(*) as became_leader,
        median((lead_term.term_position - cohort_term.term_position)::double) as median_terms_to_lead
    from members as m
    inner join later_leaders($layer) as l on l.person_no = m.person_no
    inner join query_table($layer || 'terms') as cohort_term on cohort_term.term_order = m.cohort_order
    inner join query_table($layer || 'terms') as lead_term on lead_term.term_order = l.first_lead_order
    group by m.cohort_order
)

select
    term_label(c.cohort_order) as cohort,
    c.cohort_size,
    coalesce(l.became_leader, 0) as became_leader,
    round(coalesce(l.became_leader, 0) / c.cohort_size, 4) as conversion_rate,
    l.median_terms_to_lead
from per_cohort as c
left join leaders_per_cohort as l on l.cohort_order = c.cohort_order
order by c.cohort_order
