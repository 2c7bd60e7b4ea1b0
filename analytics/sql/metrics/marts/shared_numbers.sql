-- Grain: one row: how many keys (people, courses, schools) share their hash number with another
-- key in the marts just built. Must be 0: distinct counts of numbers are distinct counts of keys.
with numbered as (
    select distinct 'person' as kind, person_id as key, person_no as no from mart_participant_terms
    union
    select distinct 'person' as kind, person_id as key, person_no as no from mart_course_staff
    union
    select distinct 'course' as kind, course_id as key, course_no as no from mart_course_sectors
    union
    select distinct 'course' as kind, course_id as key, course_no as no from mart_course_staff
    union
    select distinct 'course' as kind, course_id as key, course_no as no from mart_survey_course_sectors
    union
    select distinct 'school' as kind, school_key as key, school_no as no from mart_school_terms
)

select count(*) - count(distinct (kind, no)) as shared
from numbered
