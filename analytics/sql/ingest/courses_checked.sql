-- Grain: one data row of a course catalog export (a course, or one leader of a
-- course), normalised, with the first reason it cannot be loaded (null = loadable).
-- Leader and mentor cells may hold several addresses separated by ';' or ','.
create or replace temp table ing_rows as
with src as (
    select
        s.*,
        list_filter(
            string_split(regexp_replace(lower(coalesce(s.leader_email, '')), '[;,\s]+', ';', 'g'), ';'), lambda x: x <> ''
        ) as leaders,
        list_filter(
            string_split(regexp_replace(lower(coalesce(s.mentor_email, '')), '[;,\s]+', ';', 'g'), ';'), lambda x: x <> ''
        ) as mentors,
        list_transform(string_split(coalesce(s.leader_name, ''), ';'), lambda x: nullif(trim(x), '')) as leader_names,
        list_transform(string_split(coalesce(s.mentor_name, ''), ';'), lambda x: nullif(trim(x), '')) as mentor_names
    from ing_termed as s
),

valued as (
    select
        src.*,
        cat.value as category_norm,
        ls.value as leader_sector_norm,
        ms.value as mentor_sector_norm,
        coalesce(ing_ts(src.start_date), dt.value::timestamp)::date as start_day,
        try_cast(src.sessions as integer) as sessions_n,
        try_cast(src.capacity as integer) as capacity_n,
        list_filter(leaders, lambda x: not regexp_full_match(x, '[^@\s]+@[^@\s]+\.[^@\s]+')) as bad_leaders,
        list_filter(mentors, lambda x: not regexp_full_match(x, '[^@\s]+@[^@\s]+\.[^@\s]+')) as bad_mentors
    from src
    left join ing_values as dt on dt.field = 'datetime' and dt.raw = src.start_date
    left join ing_values as cat on cat.field = 'category' and cat.raw = src.category
    left join ing_values as ls on ls.field = 'sector' and ls.raw = src.leader_sector
    left join ing_values as ms on ms.field = 'sector' and ms.raw = src.mentor_sector
)

select
    v.*,
    v.term_order || ':' || coalesce(upper(v.course_code), 't:' || lower(v.course_title)) as course_id,
    coalesce(
        ing_term_problem(v.term, v.term_order),
        ing_course_named_problem(v.course_code, v.course_title),
        case
            when v.category_norm is null then {'col': 'category', 'why': 'no category'}
            when len(v.leaders) = 0 then {'col': 'leader_email', 'why': 'no leader email'}
            when len(v.bad_leaders) > 0
                then {'col': 'leader_email', 'why': '''' || v.bad_leaders[1] || ''' is not an email address'}
            when len(v.bad_mentors) > 0
                then {'col': 'mentor_email', 'why': '''' || v.bad_mentors[1] || ''' is not an email address'}
            when v.sessions is not null and v.sessions_n is null
                then {'col': 'sessions', 'why': '''' || v.sessions || ''' is not a whole number'}
            when v.capacity is not null and v.capacity_n is null
                then {'col': 'capacity', 'why': '''' || v.capacity || ''' is not a whole number'}
        end
    ) as reject,
    -- an optional date that cannot be read is left blank, with a warning, never a rejection
    ing_unread_date_warning('start_date', v.start_date, v.start_day, 'a date') as warning
from valued as v
