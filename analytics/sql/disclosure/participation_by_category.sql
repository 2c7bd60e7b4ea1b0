-- Members of every count cell of `participation_by_category` under one view (see
-- participation_by_term.sql for the columns). A person counts under each strand they took part in.
with people_terms as (
    select
        term_order,
        person_no,
        n_all_learners as all_learners,
        n_culturally_proficient as culturally_proficient,
        n_rigorous_curricula as rigorous_curricula,
        n_other as other
    from mart_participant_terms
    where ($sectors is null or list_contains($sectors, sector))
),

people_strands as (
    unpivot people_terms
    on all_learners, culturally_proficient, rigorous_curricula, other
    into name category value enrollments
)

select
    term_label(term_order) || chr(31) || category as row_key,
    'enrollments' as measure,
    'e' as kind,
    md5_number_lower(course_id || chr(31) || sector) as unit,
    enrollments as weight
from mart_course_sectors
where ($sectors is null or list_contains($sectors, sector))
  and ($categories is null or list_contains($categories, category))
union all
select
    term_label(term_order) || chr(31) || category,
    'participants',
    'p',
    person_no,
    1
from people_strands
where enrollments > 0
  and ($categories is null or list_contains($categories, category))
