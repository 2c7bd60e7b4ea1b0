-- Members of every count cell of `courses_per_person` under one view (see participation_by_term.sql).
-- A person has one enrollment per course, so their counted enrollments are their courses taken:
-- those of the chosen strands, in terms whose sector (the person's in that term) is chosen.
with per_person as (
    select
        p.person_no,
        count(*) as courses_taken
    from mart_participant_terms as p
    inner join stg_counting_enrollments as e on e.person_no = p.person_no and e.term_order = p.term_order
    where ($sectors is null or list_contains($sectors, p.sector))
      and ($categories is null or list_contains($categories, e.category))
    group by p.person_no
)

select
    courses_taken::varchar as row_key,
    'people' as measure,
    'p' as kind,
    person_no as unit,
    1 as weight
from per_person
where courses_taken > 0
