-- Grain: one survey response of one file (batch) to merge, from the loadable rows of ing_rows.
create or replace temp view ing_new_survey_responses as
select
    r.batch_id,
    r.response_id,
    r.course_id,
    r.term_label as term,
    r.term_order,
    r.person_id,
    r.submitted_ts as submitted_at,
    r.rating_n as rating,
    r.recommend_n as recommend,
    r.implement_n as implement,
    r.lead_interest_norm as lead_interest,
    r.comments,
    r.line_no as source_line
from ing_rows as r
where r.reject is null
