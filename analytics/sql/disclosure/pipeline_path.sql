-- Members of every count cell of `pipeline_path` under one view (see participation_by_term.sql).
-- Starters took part under the view; leading after one's first term and mentoring after one's
-- first such lead are read over all history.
with starters as (
    select distinct
        person_no,
        first_term_order
    from mart_participant_terms
    where ($sectors is null or list_contains($sectors, sector))
      and ($categories is null or (strand_mask & strand_mask_of($categories)) != 0)
),

first_led as (
    select
        s.person_no,
        min(staff.term_order) as first_led_term
    from starters as s
    inner join mart_course_staff as staff
        on staff.person_no = s.person_no and staff.role = 'leader' and staff.term_order > s.first_term_order
    group by s.person_no
),

mentored_after as (
    select distinct l.person_no
    from first_led as l
    inner join mart_course_staff as staff
        on staff.person_no = l.person_no and staff.role = 'mentor' and staff.term_order > l.first_led_term
)

select
    'Took part in a course' as row_key,
    'people' as measure,
    'p' as kind,
    person_no as unit,
    1 as weight
from starters
union all
select 'Went on to lead a course', 'people', 'p', person_no, 1 from first_led
union all
select 'Went on to mentor new leaders', 'people', 'p', person_no, 1 from mentored_after
