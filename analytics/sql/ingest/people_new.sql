-- Grain: one person named by one file (batch) of the command, whichever kind named them
-- (ing_named_people: people_from_enrollments.sql or people_from_staff.sql), with the key
-- their name is compared by. The key is worked out once per distinct name, not once per
-- person and file: a regular expression per row was most of this step at 1,000,000 rows.
create or replace temp view ing_new_people as
with named as materialized (
    select * from ing_named_people
),

name_keys as materialized (
    select
        full_name,
        ing_name_key(full_name) as name_key
    from (select distinct full_name from named)
)

select
    n.batch_id,
    n.person_id,
    n.full_name,
    k.name_key
from named as n
left join name_keys as k on k.full_name = n.full_name
