-- Grain: one person (resolved email) named in the loadable rows of one
-- enrollments file (batch), with the name of their last row in the file.
-- people_new.sql adds the name key.
create or replace temp view ing_named_people as
select
    r.batch_id,
    r.person_id,
    arg_max(r.name, r.line_no) as full_name
from ing_rows as r
where r.reject is null
group by r.batch_id, r.person_id
