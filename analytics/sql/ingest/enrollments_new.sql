-- Grain: one enrollment (course, person) of one file (batch) to merge, from the loadable rows of ing_rows.
-- A blank sector is the school's sector from the schools table, else 'other'.
create or replace temp view ing_new_enrollments as
select
    r.batch_id,
    r.course_id,
    r.term_label as term,
    r.term_order,
    r.person_id,
    r.email_norm as email,
    r.name as full_name,
    r.school,
    coalesce(r.sector_given, r.school_sector, 'other') as sector,
    coalesce(r.status_norm, 'enrolled') as status,
    r.registered_ts as registered_at,
    r.role,
    r.grade_band,
    r.subject,
    r.referred_by,
    r.line_no as source_line
from ing_rows as r
where r.reject is null
