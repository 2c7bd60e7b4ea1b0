-- Prior versions of canonical rows, kept so that an import can be undone exactly.
-- Grain: one row per (row version, batch that overwrote it). A row written by
-- batch B and later changed by batch L appears here with batch_id = B and
-- changed_by_batch = L; undoing L puts it back. Same columns as the tables.
create table if not exists schools_history as select *, null::integer as changed_by_batch from schools limit 0;
create table if not exists people_history as select *, null::integer as changed_by_batch from people limit 0;
create table if not exists courses_history as select *, null::integer as changed_by_batch from courses limit 0;
create table if not exists course_staff_history as
select *, null::integer as changed_by_batch from course_staff limit 0;
create table if not exists enrollments_history as select *, null::integer as changed_by_batch from enrollments limit 0;
create table if not exists survey_responses_history as
select *, null::integer as changed_by_batch from survey_responses limit 0;
