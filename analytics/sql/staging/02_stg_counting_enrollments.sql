-- Numbers for people, courses and schools: the low 64 bits of the key's MD5, so every view
-- numbers alike without a join. Not DuckDB's hash(): it gives patterned addresses such as
-- load2133@school3.org and load2134@school4.org the same number. The marts count distinct numbers rather than strings (several times faster
-- at a million rows); analytics.metrics.marts checks after each rebuild that no two keys
-- share a number (a 64-bit hash: about 1 chance in 10^7 at a million people).
-- Grain: one counting enrollment (status enrolled or completed); the course's strand and
-- the school's normalised name (same rule as schools.school_key) come with it.
create or replace view stg_counting_enrollments as
with counting as (
    select
        e.course_id,
        e.term_order,
        e.person_id,
        e.status,
        e.sector as enrollment_sector,
        nullif(regexp_replace(lower(trim(e.school)), '\s+', ' ', 'g'), '') as school_key,
        coalesce(c.category, 'other') as category,
        e.registered_at,
        e.batch_id,
        e.source_line
    from enrollments as e
    left join courses as c on c.course_id = e.course_id
    where e.status in ('enrolled', 'completed')
)

select
    *,
    md5_number_lower(course_id) as course_no,
    md5_number_lower(person_id) as person_no,
    case when school_key is not null then md5_number_lower(school_key) end as school_no
from counting;
