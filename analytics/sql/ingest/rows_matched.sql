-- Grain: one data row of the command's registration or survey files (ing_termed), with
-- its email lower-cased, the course it names in its term's catalog (by code, else by a
-- title unique in that term: ing_courses) and the person the email resolves to (ing_identity).
create or replace temp view ing_matched as
with keyed as (
    select
        v.*,
        lower(v.email) as email_norm
    from ing_termed as v
)

select
    k.*,
    coalesce(by_code.course_id, by_title.course_id) as course_id,
    coalesce(idn.person_id, k.email_norm) as person_id
from keyed as k
left join ing_courses as by_code
    on by_code.term_order = k.term_order and by_code.match_key = 'c:' || upper(k.course_code)
left join ing_courses as by_title
    on by_title.term_order = k.term_order and by_title.match_key = 't:' || lower(k.course_title)
left join ing_identity as idn on idn.email = k.email_norm
