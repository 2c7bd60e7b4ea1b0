-- Grain: one course offered in one term, of one file (batch), from the loadable catalog rows
-- (several rows of one course, one per leader, make one course).
create or replace temp view ing_new_courses as
select
    r.batch_id,
    r.course_id,
    any_value(r.term_label) as term,
    any_value(r.term_order) as term_order,
    arg_max(r.course_code, r.line_no) filter (where r.course_code is not null) as course_code,
    arg_max(r.course_title, r.line_no) filter (where r.course_title is not null) as course_title,
    arg_max(r.category_norm, r.line_no) as category,
    arg_max(r.start_day, r.line_no) filter (where r.start_day is not null) as start_date,
    arg_max(r.sessions_n, r.line_no) filter (where r.sessions_n is not null) as sessions,
    arg_max(r.capacity_n, r.line_no) filter (where r.capacity_n is not null) as capacity
from ing_rows as r
where r.reject is null
group by r.batch_id, r.course_id
