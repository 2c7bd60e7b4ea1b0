-- Grain: one person named by one file (batch) of the command, whichever kind named them
-- (ing_named_people: people_from_enrollments.sql or people_from_staff.sql), with the key
-- their name is compared by.
create or replace temp view ing_new_people as
select
    n.batch_id,
    n.person_id,
    n.full_name,
    ing_name_key(n.full_name) as name_key
from ing_named_people as n
