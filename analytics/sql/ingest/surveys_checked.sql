-- Grain: one data row of a survey export, normalised, with the first reason it
-- cannot be loaded (reject is null for a loadable row) and the response's key:
-- (course, email, submitted_at), or its whole content when anonymous, numbered
-- so that identical anonymous answers in one file stay separate responses.
-- Every row is numbered 1 here; surveys_numbered.sql then renumbers the few rows whose
-- key repeats in their file (a window over every row, carrying all its columns through
-- the sort, was most of this query's time).
create or replace temp table ing_rows as
with valued as (
    select
        m.*,
        ra.value::smallint as rating_n,
        rc.value::smallint as recommend_n,
        im.value::smallint as implement_n,
        li.value as lead_interest_norm,
        coalesce(ing_ts(m.submitted_at), dt.value::timestamp) as submitted_ts
    from ing_matched as m
    left join ing_values as dt on dt.field = 'datetime' and dt.raw = m.submitted_at
    left join ing_values as ra on ra.field = 'rating' and ra.raw = m.rating
    left join ing_values as rc on rc.field = 'recommend' and rc.raw = m.recommend
    left join ing_values as im on im.field = 'implement' and im.raw = m.implement
    left join ing_values as li on li.field = 'lead_interest' and li.raw = m.lead_interest
),

checked as (
    select
        m.*,
        coalesce(
            ing_course_row_problem(m.term, m.term_order, m.course_code, m.course_title, m.course_id, m.term_label),
            ing_email_problem(m.email_norm, m.email),
            case
                when m.rating is not null and m.rating_n is null
                    then {'col': 'rating', 'why': 'rating ''' || m.rating || ''' is not 1-5 (or Poor to Excellent)'}
                when m.recommend is not null and m.recommend_n is null
                    then {'col': 'recommend', 'why': 'recommend ''' || m.recommend || ''' is not 0-10'}
                when m.implement is not null and m.implement_n is null then {
                    'col': 'implement',
                    'why': 'implement ''' || m.implement || ''' is not 1-5 (or Strongly disagree to Strongly agree)'
                }
                when m.lead_interest is not null and m.lead_interest_norm is null
                    then {'col': 'lead_interest', 'why': 'lead_interest ''' || m.lead_interest || ''' is not yes, no or maybe'}
                when coalesce(m.rating, m.recommend, m.implement, m.lead_interest, m.comments) is null
                    then {'col': null::varchar, 'why': 'no answers'}
            end
        ) as reject,
        -- an optional date that cannot be read is left blank, with a warning, never a rejection
        ing_unread_date_warning('submitted_at', m.submitted_at, m.submitted_ts, 'a date and time') as warning,
        case
            when m.email_norm is not null
                then concat_ws('|', m.course_id, m.email_norm, coalesce(m.submitted_ts::varchar, ''))
            else concat_ws(
                '|', m.course_id, '', coalesce(m.submitted_ts::varchar, ''), coalesce(m.rating_n::varchar, ''),
                coalesce(m.recommend_n::varchar, ''), coalesce(m.implement_n::varchar, ''),
                coalesce(m.lead_interest_norm, ''), coalesce(m.comments, '')
            )
        end as natural_key
    from valued as m
)

select
    c.*,
    md5(c.natural_key || '#1') as response_id
from checked as c
