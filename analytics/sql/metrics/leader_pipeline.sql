-- Grain: one term with at least one counted enrollment (docs/METRICS.md `leader_pipeline`).
-- Leaders and mentors are those of the courses counted in the term (as participation_by_term).
-- "Led nothing before" and "was a participant before" are history over all data; the cumulative
-- columns count everyone led / mentored in counted courses in any term up to this one, so a
-- term_from filter hides earlier rows without restarting the count. The staff and what is asked
-- of them: pipeline_staff_counts (members layer, analytics/sql/staging/17).
with shown_terms as (
    from participants_by_term($layer, $sectors, $categories, $term_from, $term_to)
),

-- per term up to term_to: its staff counts and the people whose first counted term it is
staff_per_term as (
    from pipeline_staff_counts($layer, $sectors, $categories, $term_to)
),

cumulative as (
    select
        t.term_order,
        coalesce(sum(f.first_leaders), 0) as cumulative_leaders,
        coalesce(sum(f.first_mentors), 0) as cumulative_mentors
    from shown_terms as t
    left join staff_per_term as f on f.term_order <= t.term_order
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
