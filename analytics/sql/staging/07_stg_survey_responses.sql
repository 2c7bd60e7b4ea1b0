-- Grain: one survey response, with its course's strand and the respondent's sector in that
-- term (null when anonymous, or when the respondent took part in nothing that term).
create or replace view stg_survey_responses as
select
    r.response_id,
    r.course_id,
    -- (each catalog course hashed once, not once per response; a course missing from it, row by row)
    case when c.course_id is null then md5_number_lower(r.course_id) else c.course_no end as course_no,
    r.term_order,
    coalesce(c.category, 'other') as category,
    r.person_id,
    p.sector as respondent_sector,
    r.rating,
    r.recommend,
    r.implement,
    r.lead_interest
from survey_responses as r
left join (select course_id, category, md5_number_lower(course_id) as course_no from courses) as c
    on c.course_id = r.course_id
left join stg_participant_terms as p on p.person_id = r.person_id and p.term_order = r.term_order;
