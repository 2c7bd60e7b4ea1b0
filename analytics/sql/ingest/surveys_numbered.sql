-- Grain: updates ing_rows in place. A response's key (surveys_checked.sql) given again in the
-- same file (batch) is another response: the rows of one key are numbered in line order, and
-- the number is part of the response's id (the first keeps '#1', given by surveys_checked.sql).
-- Every row of the file with that key is numbered, loadable or not.
-- Only the rows of repeated keys are touched.
with repeated as (
    select
        batch_id,
        natural_key
    from ing_rows
    group by batch_id, natural_key
    having count(*) > 1
),

numbered as (
    select
        r.batch_id,
        r.line_no,
        row_number() over (partition by r.batch_id, r.natural_key order by r.line_no) as n
    from ing_rows as r
    semi join repeated using (batch_id, natural_key)
)

update ing_rows as r
set response_id = md5(r.natural_key || '#' || n.n)
from numbered as n
where r.batch_id = n.batch_id and r.line_no = n.line_no and n.n > 1
