-- Grain: one synthetic survey response (benchmark only): half of completions answer, one in
-- five anonymously.
insert into survey_responses (
    response_id, course_id, term, term_order, person_id, rating, recommend, implement, lead_interest,
    batch_id, source_line
)
select
    'r' || source_line,
    course_id,
    term,
    term_order,
    case when random() < 0.8 then person_id end,
    1 + floor(random() * 5)::int,
    floor(random() * 11)::int,
    1 + floor(random() * 5)::int,
    (['yes', 'no', 'maybe'])[1 + floor(random() * 3)::int],
    1,
    source_line
from enrollments
where status = 'completed' and random() < 0.5
