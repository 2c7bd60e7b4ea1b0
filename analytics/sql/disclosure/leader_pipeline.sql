-- Members of every count cell of `leader_pipeline` under one view (see participation_by_term.sql).
-- Staff are those of the courses counted under the view, with "led nothing before" and "took part
-- before" decided over all data (pipeline_staff, members layer); the cumulative cells list
-- everyone who led (mentored) a counted course in any term up to the row's term.
with staff as (
    from pipeline_staff($layer, $sectors, $categories, $term_to)
),

shown_terms as (
    select distinct term_order from counted_participants($layer, $sectors, $categories, $term_from, $term_to)
)

select
    term_label(term_order) as row_key,
    'participants' as measure,
    'p' as kind,
    person_no as unit,
    1 as weight
from counted_participants($layer, $sectors, $categories, $term_from, $term_to)
union all
select term_label(term_order), role || 's', 'p', person_no, 1 from staff
union all
select term_label(term_order), 'new_leaders', 'p', person_no, 1 from staff where new_leader
union all
select term_label(term_order), 'leaders_from_participants', 'p', person_no, 1 from staff where from_participants
union all
select
    term_label(t.term_order),
    'cumulative_' || s.role || 's',
    'p',
    s.person_no,
    1
from staff as s
inner join shown_terms as t on t.term_order >= s.first_in_scope
where s.term_order = s.first_in_scope
