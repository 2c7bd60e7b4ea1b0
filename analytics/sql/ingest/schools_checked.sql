-- Grain: one data row of a schools export, normalised, with the first reason it
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

ranked as (
    select
        c.*,
        case when c.reject is null then max(c.line_no) over (partition by c.school_key) end as last_line
    from checked as c
)

select
    r.* exclude (reject, last_line),
    coalesce(
        r.reject,
        case when r.line_no < r.last_line then {
            'col': null::varchar,
            'why': 'the same school again at line ' || r.last_line || ' (that later row was loaded)'
        } end
    ) as reject
from ranked as r
