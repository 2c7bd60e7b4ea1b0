-- Members of every count cell of `participation_by_category` under one view (see
-- participation_by_term.sql for the columns). A person counts under each strand they took part in.
-- A strand's bit in a person's term (strand_mask) says they took part in it: strands are data
-- (stg_strands), none is named here.
with people_strands as (
    select
        p.term_order,
        p.person_no,
        s.category
    from mart_participant_terms as p
    inner join stg_strands as s on (p.strand_mask & (1::ubigint << s.strand_bit)) != 0
    where ($sectors is null or list_contains($sectors, p.sector))
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
where ($categories is null or list_contains($categories, category))
