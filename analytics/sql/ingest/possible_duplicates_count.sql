-- How many people possible_duplicates.sql lists in all (people sharing a normalised name
-- with someone under another email), and under how many names.
select
    coalesce(sum(group_size), 0)::bigint as people,
    count(*) as names
from (
    select count(*) as group_size
    from people
    where name_key is not null
    group by name_key
    having count(*) > 1
)
