-- Members of every count cell of `leader_pipeline` under one view (see participation_by_term.sql).
-- Staff are those of the courses counted under the view; "led nothing before" and "took part
-- before" are decided over all data; the cumulative cells list everyone who led (mentored) a
-- counted course in any term up to the row's term.
with scope_courses as (
    select distinct course_no
    from mart_course_sectors
    where ($sectors is null or list_contains($sectors, sector))
      and ($categories is null or list_contains($categories, category))
),

shown_people as (
    select
        term_order,
        person_no
    from mart_participant_terms
    where ($sectors is null or list_contains($sectors, sector))
      and ($categories is null or (strand_mask & strand_mask_of($categories)) != 0)
),

shown_terms as (
    select distinct term_order from shown_people
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

first_participated as (
    select
        person_no,
        min(first_term_order) as first_term_order
    from mart_participant_terms
    group by person_no
),

first_in_scope as (
    select
        role,
        person_no,
        min(term_order) as first_order
    from scope_staff
    group by role, person_no
)

select
    term_label(term_order) as row_key,
    'participants' as measure,
    'p' as kind,
    person_no as unit,
    1 as weight
from shown_people
union all
select
    term_label(s.term_order),
    s.role || 's',
    'p',
    s.person_no,
    1
from scope_staff as s
union all
select
    term_label(s.term_order),
    'new_leaders',
    'p',
    s.person_no,
    1
from scope_staff as s
inner join first_led as f on f.person_no = s.person_no
where s.role = 'leader' and f.first_led_order = s.term_order
union all
select
    term_label(s.term_order),
    'leaders_from_participants',
    'p',
    s.person_no,
    1
from scope_staff as s
inner join first_participated as p on p.person_no = s.person_no
where s.role = 'leader' and p.first_term_order < s.term_order
union all
select
    term_label(t.term_order),
    'cumulative_' || f.role || 's',
    'p',
    f.person_no,
    1
from first_in_scope as f
inner join shown_terms as t on t.term_order >= f.first_order
