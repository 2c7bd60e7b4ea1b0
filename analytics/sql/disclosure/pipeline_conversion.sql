-- Members of every count cell of `pipeline_conversion` under one view (see participation_by_term.sql).
-- Members are chosen in their first term; became_leader: led any course in a later term.
with members as (
    select
        person_no,
        first_term_order as cohort_order
    from mart_participant_terms
    where term_order = first_term_order
      and ($sectors is null or list_contains($sectors, sector))
      and ($categories is null or (strand_mask & strand_mask_of($categories)) != 0)
),

later_leaders as (
    select distinct m.person_no, m.cohort_order
    from members as m
    inner join mart_course_staff as s
        on s.person_no = m.person_no and s.role = 'leader' and s.term_order > m.cohort_order
)

select
    term_label(cohort_order) as row_key,
    'cohort_size' as measure,
    'p' as kind,
    person_no as unit,
    1 as weight
from members
union all
select
    term_label(cohort_order),
    'became_leader',
    'p',
    person_no,
    1
from later_leaders
