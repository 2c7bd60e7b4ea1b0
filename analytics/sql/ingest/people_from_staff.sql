-- Grain: one person (resolved email) named as leader or mentor in one catalog file (batch).
create or replace temp view ing_new_people as
with named as (
    select
        batch_id,
        person_id,
        max(name) as full_name
    from ing_new_course_staff
    group by batch_id, person_id
)

select
    batch_id,
    person_id,
    full_name,
    ing_name_key(full_name) as name_key
from named
