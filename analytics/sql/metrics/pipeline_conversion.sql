-- Grain: one first-term cohort (docs/METRICS.md `pipeline_conversion`). Members are chosen as in
-- cohort_retention. Leading is history: any course led, in any sector or strand, in a term after
-- the cohort term (leading_after_start, members layer). Terms to lead = positions in the ordered
-- list of terms present in the data.
with members as (
    select
        m.first_term_order as cohort_order,
        l.first_lead_order
    from cohort_members($layer, $sectors, $categories, $term_from, $term_to) as m
    inner join leading_after_start($layer) as l on l.person_no = m.person_no
    where m.term_order = m.first_term_order
),

per_cohort as (
    select
        m.cohort_order,
        count(*) as cohort_size,
        count(m.first_lead_order) as became_leader,
        median((lead_term.term_position - cohort_term.term_position)::double) as median_terms_to_lead
    from members as m
    inner join mart_terms as cohort_term on cohort_term.term_order = m.cohort_order
    left join mart_terms as lead_term on lead_term.term_order = m.first_lead_order
    group by m.cohort_order
)

select
    term_label(cohort_order) as cohort,
    cohort_size,
    became_leader,
    round(became_leader / cohort_size, 4) as conversion_rate,
    median_terms_to_lead
from per_cohort
order by cohort_order
