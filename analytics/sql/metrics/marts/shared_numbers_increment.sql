-- Grain: one row: how many keys share their hash number with another key, among the numbers of
-- the mart rows an import just recomputed (increment.sql). The marts were checked whole when last
-- built, so a new collision needs a key whose rows changed: only those numbers are looked up.
-- Must be 0, as for shared_numbers.sql. The keys are those of numbered_keys (analytics/sql/staging/22),
-- each relation filtered before its keys are made distinct: the same filter after the macro's union
-- is not pushed into the scans and costs several times more.
with changed as (
    -- a person's number is their address's: no need to look for their rows to know it
    -- (the changed staff rows carry theirs: increment.sql)
    select md5_number_lower(person_id) as no from mart_dirty_people
    union
    select person_no from mart_dirty_staff
    union
    select course_no from mart_dirty_staff
    union
    select course_no from mart_course_numbers where term_order in (select term_order from mart_dirty_terms)
    union
    select school_no from mart_school_terms where term_order in (select term_order from mart_dirty_terms)
),

numbered as (
    -- the person-term mart's keys under the changed people's and staff's numbers: the rows there
    -- before the import (mart_numbered_people_before, increment.sql) and the changed people, whose
    -- rows were rebuilt; every other row of the mart is as it was, under another number
    select distinct 'person' as kind, person_id as key, person_no as no from mart_numbered_people_before
    union
    select 'person' as kind, person_id as key, md5_number_lower(person_id) as no from mart_dirty_people
    union
    select distinct 'person' as kind, person_id as key, person_no as no from mart_course_staff
    where person_no in (select no from changed)
    union
    select distinct 'course' as kind, course_id as key, course_no as no from mart_course_sectors
    where course_no in (select no from changed)
    union
    select distinct 'course' as kind, course_id as key, course_no as no from mart_course_staff
    where course_no in (select no from changed)
    union
    select distinct 'course' as kind, course_id as key, course_no as no from mart_survey_course_sectors
    where course_no in (select no from changed)
    union
    select distinct 'school' as kind, school_key as key, school_no as no from mart_school_terms
    where school_no in (select no from changed)
)

select count(*) - count(distinct (kind, no)) as shared
from numbered
