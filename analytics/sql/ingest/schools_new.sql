-- Grain: one school (normalised name) of one file (batch) to merge, from the loadable rows of ing_rows.
create or replace temp view ing_new_schools as
select
    r.batch_id,
    r.school_key,
    r.school,
    r.sector_norm as sector,
    r.neighborhood,
    r.grades
from ing_rows as r
where r.reject is null
