-- Grain: one synthetic enrollment (benchmark only). Each term draws its people from a window of
-- the pool that slides a little every term, so neighbouring terms share many people (returning
-- participants) and cohorts fade out. One person per course at most, as in the real key.
insert into enrollments (
    course_id, term, term_order, person_id, email, school, sector, status, registered_at, batch_id, source_line
)
with draws as (
    select
        n.i,
        floor(random() * $terms)::int as ti,
        random() as r_course,
        random() as r_person,
        random() as r_status,
        random() as r_sector,
        random() as r_time
    from range($enrollments::bigint) as n (i)
),

picked as (
    select
        t.term_order || ':C' || floor(d.r_course * $courses_per_term)::int as course_id,
        t.term_order,
        floor(d.ti * $people / $terms / 2 + d.r_person * $people / 4)::bigint % $people as person,
        d.r_status,
        d.r_sector,
        d.r_time,
        t.i as ti,
        d.i
    from draws as d
    inner join bench_terms as t on t.i = d.ti
)

select distinct on (course_id, 'p' || person || '@x.org')
    course_id,
    term_label(term_order),
    term_order,
    'p' || person || '@x.org',
    'p' || person || '@x.org',
    'School ' || (person % 2000),
    (['district', 'district', 'district', 'charter', 'charter', 'catholic', 'independent', 'other'])[
        1 + ((person % 2000) + (r_sector < 0.05)::int) % 8
    ],
    (['enrolled', 'completed', 'completed', 'completed', 'withdrawn', 'waitlisted'])[1 + floor(r_status * 6)::int],
    timestamp '2000-01-01' + to_days(ti * 91) + to_minutes(floor(r_time * 50000)::int),
    1,
    i
from picked
