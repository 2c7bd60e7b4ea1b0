-- Grain: one distinct school text of the enrollments, with its normalised name (the rule of
-- schools.school_key) and its number (stg_counting_enrollments says why numbers). A view of its
-- own so that a full rebuild of the marts can copy it first (analytics/sql/metrics/marts/refresh.sql):
-- a table of a thousand rows is then what the enrollments are joined to, and the join is built on
-- it, whereas inside an import's transaction (no distinct counts yet for the rows it wrote) the
-- planner took the distinct for as large as the enrollments and built the join on them.
create or replace view stg_school_numbers as
select
    school,
    school_key,
    md5_number_lower(school_key) as school_no
from (
    select
        school,
        nullif(regexp_replace(lower(trim(school)), '\s+', ' ', 'g'), '') as school_key
    from (select distinct school from enrollments)
);
