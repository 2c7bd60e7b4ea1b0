-- Grain: one distinct school name of an enrollments file that the schools table
-- knows, with that school's sector (for rows whose sector is blank). Matching
-- distinct names, not rows, keeps the name normalisation off the big table.
create or replace temp table ing_school_sectors as
with named as (
    select distinct school as raw
    from ing_src
    where school is not null
)

select
    n.raw,
    s.sector
from named as n
inner join schools as s on s.school_key = regexp_replace(lower(n.raw), '\s+', ' ', 'g')
