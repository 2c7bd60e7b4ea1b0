-- Grain: one first-term cohort (docs/METRICS.md `pipeline_conversion`). Members are chosen as in
-- cohort_retention. Leading is history: any course led, in any sector or strand, in a term after
-- the cohort term. Terms to lead = positions in the ordered list of terms present in the data.
with members as (
    select
        person_no,
        first_term_order as cohort_order
    from mart_participant_terms
    where term_order = first_term_order
      and counted_participant(sector, term_order, strand_mask, $sectors, $categories, $term_from, $term_to)
),

first_later_lead as (
    select
        m.person_no,
        m.cohort_order,
        min(s.term_order) as lead_order
    from members as m
    inner join mart_course_staff as s
        on s.person_no = m.person_no and s.role = 'leader' and s.term_order > m.cohort_order
    group by m.person_no, m.cohort_order
),

terms_to_lead as (
    select
        f.cohort_order,
        lead_term.term_position - cohort_term.term_position as terms_to_lead
    from first_later_lead as f
    inner join mart_terms as cohort_term on cohort_term.term_order = f.cohort_order
    inner join mart_terms as lead_term on lead_term.term_order = f.lead_order
),

per_cohort as (
    select
        m.cohort_order,
        count(*) as cohort_size
    from members as m
    group by m.cohort_order
),

leaders_per_cohort as (
    select
        cohort_order,
        count(*) as became_leader,
        median(terms_to_lead::double) as median_terms_to_lead
    from terms_to_lead
    group by cohort_order
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
