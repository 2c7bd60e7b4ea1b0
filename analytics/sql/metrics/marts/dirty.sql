-- What one import changed, for keeping the marts fresh incrementally (analytics.metrics.marts):
-- the batches of the command are in the temp table mart_import_batches(batch_id). A row is
-- changed by the import when its current version is one of those batches' (inserted or
-- updated) or when its earlier version was overwritten by one of them (in <table>_history).

-- Grain: one term whose term-grained mart rows may differ: the term of a changed enrollment,
-- survey response or course (a course's strand is every one of its enrollments' strand).
create or replace temp table mart_dirty_terms as
select term_order from enrollments semi join mart_import_batches using (batch_id)
union
select term_order from enrollments_history where changed_by_batch in (select batch_id from mart_import_batches)
union
select term_order from survey_responses semi join mart_import_batches using (batch_id)
union
select term_order from survey_responses_history
where changed_by_batch in (select batch_id from mart_import_batches)
union
select term_order from courses semi join mart_import_batches using (batch_id)
union
select term_order from courses_history where changed_by_batch in (select batch_id from mart_import_batches);

-- Grain: one person whose person-term rows may differ (their first term, a term's sector or
-- strand counts): a person of a changed enrollment, or enrolled in a course whose row changed.
create or replace temp table mart_dirty_people as
with changed_courses as (
    select course_id from courses semi join mart_import_batches using (batch_id)
    union
    select course_id from courses_history where changed_by_batch in (select batch_id from mart_import_batches)
)

select person_id from enrollments semi join mart_import_batches using (batch_id)
union
select person_id from enrollments_history where changed_by_batch in (select batch_id from mart_import_batches)
union
select e.person_id from enrollments as e semi join changed_courses using (course_id);
