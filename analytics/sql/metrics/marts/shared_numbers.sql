-- Grain: one row: how many keys (people, courses, schools) share their hash number with another
-- key in the marts just built. Must be 0: distinct counts of numbers are distinct counts of keys.
select count(*) - count(distinct (kind, no)) as shared
from numbered_keys('mart_')
