-- Grain: updates ing_rows in place. A person and course given twice in one
-- file (batch) is one enrollment: the file's last such row is loaded, the earlier
-- ones are rejected, naming that line. Only the repeated rows are touched.
with repeated as (
    select
        batch_id,
        course_id,
        person_id,
        max(line_no) as last_line
    from ing_rows
    where reject is null
    group by batch_id, course_id, person_id
    having count(*) > 1
)

update ing_rows as r
set reject = {
    'col': null::varchar,
    'why': 'the same person and course again at line ' || rep.last_line || ' (that later row was loaded)'
}
from repeated as rep
where
    r.reject is null
    and r.batch_id = rep.batch_id
    and r.course_id = rep.course_id
    and r.person_id = rep.person_id
    and r.line_no < rep.last_line
