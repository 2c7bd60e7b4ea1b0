-- Grain: one data row of one schools export of the command (batch_id, line_no), normalised, with the first reason it
-- cannot be loaded (null = loadable). A school named again later in the file is
-- taken from its last row.
create or replace temp table ing_rows as
with valued as (
    select
        s.*,
        regexp_replace(lower(s.school), '\s+', ' ', 'g') as school_key,
        sec.value as sector_norm
    from ing_src as s
    left join ing_values as sec on sec.field = 'sector' and sec.raw = s.sector
),

checked as (
    select
        v.*,
        case
            when v.school is null then {'col': 'school', 'why': 'no school name'}
            when v.sector_norm is null then {'col': 'sector', 'why': 'no sector'}
        end as reject
    from valued as v
),

repeated as (
    -- schools named more than once in the file: the last row wins
    select c.batch_id, c.school_key, max(c.line_no) as last_line
    from checked as c
    where c.reject is null
    group by c.batch_id, c.school_key
    having count(*) > 1
)

select
    c.* exclude (reject),
    coalesce(
        c.reject,
        case when c.line_no < rep.last_line then {
            'col': null::varchar,
            'why': 'the same school again at line ' || rep.last_line || ' (that later row was loaded)'
        } end
    ) as reject
from checked as c
left join repeated as rep on rep.batch_id = c.batch_id and rep.school_key = c.school_key and c.reject is null
