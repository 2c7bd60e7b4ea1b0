-- Grain: one term with at least one counted enrollment (docs/METRICS.md `leader_pipeline`).
-- Leaders and mentors are those of the courses counted in the term (as participation_by_term).
-- "Led nothing before" and "was a participant before" are history over all data; the cumulative
-- columns count everyone led / mentored in counted courses in any term up to this one, so a
-- term_from filter hides earlier rows without restarting the count.
with scope_courses as (
    select distinct course_no
    from mart_course_sectors
    where chosen($sectors, sector)
      and chosen($categories, category)
      and in_terms(term_order, null, $term_to)
),

-- Participants from the person-term mart (one row per participant and term).
shown_terms as (
    select
        term_order,
        count(*) as participants
    from mart_participant_terms
    where counted_participant(sector, term_order, strand_mask, $sectors, $categories, $term_from, $term_to)
    group by term_order
),

scope_staff as (
    select distinct
        s.term_order,
        s.role,
        s.person_no
    from mart_course_staff as s
    inner join scope_courses as c on c.course_no = s.course_no
),

first_led as (
    select
        person_no,
        min(term_order) as first_led_order
    from mart_course_staff
    where role = 'leader'
    group by person_no
),

-- Only the staff's own first terms are needed: filter before grouping.
first_participated as (
    select
        person_no,
        min(first_term_order) as first_term_order
    from mart_participant_terms
    where person_no in (select person_no from scope_staff)
    group by person_no
),

staff_per_term as (
    select
        s.term_order,
        count(distinct s.person_no) filter (where s.role = 'leader') as leaders,
        count(distinct s.person_no) filter (where s.role = 'mentor') as mentors,
        count(distinct s.person_no) filter (where s.role = 'leader' and f.first_led_order = s.term_order) as new_leaders,
        count(distinct s.person_no) filter (
            where s.role = 'leader' and p.first_term_order < s.term_order
        ) as leaders_from_participants
    from scope_staff as s
    left join first_led as f on f.person_no = s.person_no
    left join first_participated as p on p.person_no = s.person_no
    group by s.term_order
),

first_in_scope as (
    select
        role,
        person_no,
        min(term_order) as first_order
    from scope_staff
    group by role, person_no
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
