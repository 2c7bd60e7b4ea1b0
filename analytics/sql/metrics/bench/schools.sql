-- Grain: one synthetic school (benchmark only); sectors in roughly the collaborative's mix.
insert into schools (school_key, school, sector, batch_id)
select
    'school ' || i,
    'School ' || i,
    (['district', 'district', 'district', 'charter', 'charter', 'catholic', 'independent', 'other'])[1 + i % 8],
    0
from range(2000) as s (i)
