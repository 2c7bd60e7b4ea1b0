-- Grain: one row: what the canonical data looks like now (stamp), and what it looked like when
-- the metric marts were built (built_from). The marts are rebuilt whenever the two differ. Every import and undo adds or stamps a batch; the row counts also
-- catch rows written directly (tests, repairs) without a batch.
with batches as (
    select
        count(*) as loads,
        coalesce(max(batch_id), 0) as last_batch,
        count(undone_at) as undos,
        coalesce(max(undone_at)::varchar, '-') as last_undo
    from import_batches
),

row_counts as (
    select
        (select count(*) from courses) as courses,
        (select count(*) from course_staff) as course_staff,
        (select count(*) from enrollments) as enrollments,
        (select count(*) from survey_responses) as survey_responses,
        (select count(*) from schools) as schools
)

select
    concat_ws(
        ':', loads, last_batch, undos, last_undo, courses, course_staff, enrollments, survey_responses, schools
    ) as stamp,
    (select max(stamp) from mart_state) as built_from
from batches, row_counts
