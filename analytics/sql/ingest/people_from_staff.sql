-- Grain: one person (resolved email) named as leader or mentor in one catalog file (batch).
-- people_new.sql adds the name key.
create or replace temp view ing_named_people as
select
    s.batch_id,
    s.person_id,
    max(s.name) as full_name
from ing_new_course_staff as s
group by s.batch_id, s.person_id
