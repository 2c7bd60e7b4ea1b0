-- Grain: one term and status that occurs (METRICS.md `enrollment_status`): every enrollment,
-- whatever its status. The sector filter uses the participant's sector in the term when the
-- person took part then, else the sector the enrollment itself carries.
with enrollment_rows as (
    select
        e.term_order,
        e.status,
        coalesce(p.sector, e.sector) as sector,
        coalesce(c.category, 'other') as category
    from enrollments as e
    left join courses as c on c.course_id = e.course_id
    left join stg_participant_terms as p on p.person_id = e.person_id and p.term_order = e.term_order
),

counted as (
    select *
    from enrollment_rows
    where ($sectors is null or list_contains($sectors, sector))
      and ($categories is null or list_contains($categories, category))
      and ($term_from is null or term_order >= $term_from)
      and ($term_to is null or term_order <= $term_to)
)

select
    term_label(term_order) as term,
    status,
    count(*) as enrollments
from counted
group by term_order, status
order by term_order, status
