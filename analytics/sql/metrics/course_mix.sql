-- Grain: one course with at least one counted enrollment (docs/METRICS.md `course_mix`).
-- mixing_index is Gini-Simpson over the participants' sectors: 1 - sum of squared shares,
-- 0 when everyone comes from one sector.
-- A person has one enrollment per course (the enrollments key), so enrollments are people here.
with per_course_sector as (
    select
        course_no,
        sector,
        enrollments as sector_participants
    from counted_course_sectors($layer, $sectors, $categories, $term_from, $term_to)
),

per_course as (
    select
        course_no,
        sum(sector_participants)::bigint as participants,
        count(*) as sectors_represented,
        1 - sum(sector_participants * sector_participants) / (sum(sector_participants) ^ 2) as mixing_index
    from per_course_sector
    group by course_no
)

select
    c.term,
    c.course_code,
    c.course_title,
    c.category,
    l.leader_sectors,
    p.participants,
    p.sectors_represented,
    round(p.mixing_index, 4) as mixing_index
from per_course as p
inner join query_table($layer || 'course_numbers') as c on c.course_no = p.course_no
left join course_leader_lists($layer) as l on l.course_no = p.course_no
order by c.term_order, c.place_in_term
