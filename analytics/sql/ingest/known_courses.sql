-- Grain: one catalog course whose code or title is among the given values ($values: a
-- file's sampled values, each in upper and in lower case): its code upper-cased, its
-- title lower-cased and its term. The column proposals match a sample against these
-- rows only, never against the whole catalog.
with wanted as (
    select unnest($values::varchar []) as v
)

select distinct
    upper(c.course_code) as code,
    lower(c.course_title) as title,
    c.term_order
from courses as c
where
    upper(c.course_code) in (select w.v from wanted as w)
    or lower(c.course_title) in (select w.v from wanted as w)
