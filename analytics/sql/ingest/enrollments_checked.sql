-- Grain: one data row of one enrollments export of the command (batch_id, line_no), normalised, with the first
-- reason it cannot be loaded (reject is null for a loadable row).
-- Reads ing_matched (the rows with their term, course and person: rows_matched.sql),
-- ing_values (raw value -> canonical) and ing_school_sectors (sector of a blank-sector row).
-- Rows naming the same person and course twice are marked afterwards by
-- enrollments_repeated.sql, which touches only those rows.
create or replace temp table ing_rows as
with valued as (
    select
        m.*,
        coalesce(m.full_name, nullif(trim(concat_ws(' ', m.first_name, m.last_name)), '')) as name,
        sec.value as sector_given,
        st.value as status_norm,
        coalesce(ing_ts(m.registered_at), dt.value::timestamp) as registered_ts,
        sch.sector as school_sector
    from ing_matched as m
    left join ing_values as dt on dt.field = 'datetime' and dt.raw = m.registered_at
    left join ing_values as sec on sec.field = 'sector' and sec.raw = m.sector
    left join ing_values as st on st.field = 'status' and st.raw = m.status and st.batch_id = m.batch_id
    left join ing_school_sectors as sch on sch.raw = m.school
),

checked as (
    select
        m.*,
        coalesce(
            ing_course_row_problem(m.term, m.term_order, m.course_code, m.course_title, m.course_id, m.term_label),
            case when m.email_norm is null then {'col': 'email', 'why': 'no email'} end,
            ing_email_problem(m.email_norm, m.email),
            case
                when m.name is null then {'col': 'full_name', 'why': 'no name (full_name, or first_name and last_name)'}
                when m.status is not null and m.status_norm is null then {
                    'col': 'status',
                    'why': 'status ''' || m.status || ''' is not enrolled, completed, withdrawn or waitlisted'
                }
            end
        ) as reject,
        -- an optional date that cannot be read is left blank, with a warning, never a rejection
        ing_unread_date_warning('registered_at', m.registered_at, m.registered_ts, 'a date and time') as warning
    from valued as m
)

select
    batch_id,
    line_no,
    reject,
    warning,
    course_id,
    term_label,
    term_order,
    person_id,
    email_norm,
    name,
    school,
    sector_given,
    school_sector,
    status_norm,
    registered_ts,
    role,
    grade_band,
    subject,
    referred_by
from checked
