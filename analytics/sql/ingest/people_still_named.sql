-- Grain: updates people in place, during the undo of batch $b (after that
-- batch's enrollments, staff and responses are gone). A person $b added (no
-- earlier version in people_history) who is still named by remaining rows is
-- kept and handed to the latest batch that names them.
with named as (
    select person_id, batch_id from enrollments
    union all
    select person_id, batch_id from course_staff
    union all
    select person_id, batch_id from survey_responses where person_id is not null
),

latest as (
    select
        person_id,
        max(batch_id) as batch_id
    from named
    group by person_id
)

update people as p
set batch_id = l.batch_id
from latest as l
where
    p.person_id = l.person_id
    and p.batch_id = $b
    and not exists (
        select 1 from people_history as h
        where h.person_id = p.person_id and h.changed_by_batch = $b
    )
