-- Grain: one term with at least one counted enrollment (METRICS.md `leader_pipeline`).
-- Leaders and mentors are those of the courses counted in the term (as participation_by_term).
-- "Led nothing before" and "was a participant before" are history over all data; the cumulative
-- columns count everyone led / mentored in counted courses in any term up to this one, so a
-- term_from filter hides earlier rows without restarting the count.
with in_scope as (
    select *
    from stg_enrollment_facts
    where ($sectors is null or list_contains($sectors, sector))
      and ($categories is null or list_contains($categories, category))
      and ($term_to is null or term_order <= $term_to)
),

shown_terms as (
    select
        term_order,
        count(distinct person_id) as participants
    from in_scope
    where ($term_from is null or term_order >= $term_from)
    group by term_order
),

scope_staff as (
    select distinct
        s.term_order,
        s.role,
        s.person_id
    from stg_course_staff as s
    where s.course_id in (select course_id from in_scope)
),

first_led as (
    select
        person_id,
        min(term_order) as first_led_order
    from stg_course_staff
    where role = 'leader'
    group by person_id
),

first_participated as (
    select distinct
        person_id,
        first_term_order
    from stg_participant_terms
),

staff_per_term as (
    select
        s.term_order,
        count(distinct s.person_id) filter (where s.role = 'leader') as leaders,
        count(distinct s.person_id) filter (where s.role = 'mentor') as mentors,
        count(distinct s.person_id) filter (where s.role = 'leader' and f.first_led_order = s.term_order) as new_leaders,
        count(distinct s.person_id) filter (
            where s.role = 'leader' and p.first_term_order < s.term_order
        ) as leaders_from_participants
    from scope_staff as s
    left join first_led as f on f.person_id = s.person_id
    left join first_participated as p on p.person_id = s.person_id
    group by s.term_order
),

first_in_scope as (
    select
        role,
        person_id,
        min(term_order) as first_order
    from scope_staff
    group by role, person_id
),

firsts_per_term as (
    select
        first_order,
        count(*) filter (where role = 'leader') as leaders,
        count(*) filter (where role = 'mentor') as mentors
    from first_in_scope
    group by first_order
),

cumulative as (
    select
        t.term_order,
        coalesce(sum(f.leaders), 0) as cumulative_leaders,
        coalesce(sum(f.mentors), 0) as cumulative_mentors
    from shown_terms as t
    left join firsts_per_term as f on f.first_order <= t.term_order
    group by t.term_order
)

select
    term_label(t.term_order) as term,
    t.participants,
    coalesce(s.leaders, 0) as leaders,
    coalesce(s.mentors, 0) as mentors,
    coalesce(s.new_leaders, 0) as new_leaders,
    coalesce(s.leaders_from_participants, 0) as leaders_from_participants,
    c.cumulative_leaders::bigint as cumulative_leaders,
    c.cumulative_mentors::bigint as cumulative_mentors
from shown_terms as t
left join staff_per_term as s on s.term_order = t.term_order
inner join cumulative as c on c.term_order = t.term_order
order by t.term_order
