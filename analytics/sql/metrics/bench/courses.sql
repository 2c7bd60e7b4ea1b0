-- Grain: one synthetic course in one term (benchmark only).
insert into courses (course_id, term, term_order, course_code, course_title, category, batch_id)
select
    t.term_order || ':C' || c.i,
    term_label(t.term_order),
    t.term_order,
    'C' || c.i,
    'Course ' || c.i,
    (['all_learners', 'culturally_proficient', 'rigorous_curricula'])[1 + (c.i * 7 + t.i) % 3],
    0
from bench_terms as t, range($courses_per_term::bigint) as c (i)
