-- Members of every count cell of `pipeline_conversion` under one view (see participation_by_term.sql).
-- Members are chosen in their first term; became_leader: led any course in a later term.
with members as (
    select
        m.person_no,
        term_label(m.first_term_order) as cohort,
        l.first_lead_order
    from cohort_members($layer, $sectors, $categories, $term_from, $term_to) as m
    left join later_leaders($layer) as l on l.person_no = m.person_no
    where m.term_order = m.first_term_order
)

select
    cohort as row_key,
    'cohort_size' as measure,
    'p' as kind,
    person_no as unit,
    1 as weight
from members
union all
select cohort, 'became_leader', 'p', person_no, 1 from members where first_lead_order is not null
