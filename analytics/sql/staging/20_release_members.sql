-- Members layer (see 13_counted_course_sectors.sql): the units the disclosure model lists for the
-- counts every participation table shares, as (key columns, measure, kind, unit, weight). Kind 'e'
-- is a group of counted enrollments of one course and participant sector (weight: how many),
-- 'p' a person (weight 1). Each membership query (analytics/sql/disclosure) makes its row key
-- from the key columns.

-- The number of one course-sector row's group of enrollments (a unit of kind 'e').
create or replace macro enrollment_group_no(course_id, sector) as
    md5_number_lower(course_id || chr(31) || sector);

-- Grain: one counted course-sector row (counted_course_sectors), a unit of the enrollments count.
create or replace macro enrollment_members(layer, sectors, categories, term_from, term_to) as table
select
    term_order,
    sector,
    category,
    course_no,
    'enrollments' as measure,
    'e' as kind,
    enrollment_group_no(course_id, sector) as unit,
    enrollments as weight
from counted_course_sectors(layer, sectors, categories, term_from, term_to);

-- Grain: one counted participant-term row under each count it is in: participants, and
-- new_participants (their first term) or returning_participants (they took part before).
create or replace macro participant_members(layer, sectors, categories, term_from, term_to) as table
select
    term_order,
    sector,
    first_term_order,
    unnest(['participants', case when first_term_order = term_order then 'new_participants' else 'returning_participants' end])
        as measure,
    'p' as kind,
    person_no as unit,
    1 as weight
from counted_participants(layer, sectors, categories, term_from, term_to);
