-- Grain: one key (a person's address, a course id, a school's normalised name) with its number,
-- as the relations of `layer` ('mart_' or 'stg_', as for the members layer) number it. The marts'
-- check (analytics/sql/metrics/marts/shared_numbers*.sql) counts keys sharing a number: distinct
-- counts of numbers are distinct counts of keys only when there are none.
create or replace macro numbered_keys(layer) as table
select distinct 'person' as kind, person_id as key, person_no as no from query_table(layer || 'participant_terms')
union
select distinct 'person', person_id, person_no from query_table(layer || 'course_staff')
union
select distinct 'course', course_id, course_no from query_table(layer || 'course_sectors')
union
select distinct 'course', course_id, course_no from query_table(layer || 'course_staff')
union
select distinct 'course', course_id, course_no from query_table(layer || 'survey_course_sectors')
union
select distinct 'school', school_key, school_no from query_table(layer || 'school_terms');
