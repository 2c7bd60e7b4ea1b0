-- Members of every count cell of `courses_per_person` under one view (see participation_by_term.sql):
-- each person under the number of courses they took (courses_taken, members layer).
select
    courses_taken::varchar as row_key,
    'people' as measure,
    'p' as kind,
    person_no as unit,
    1 as weight
from courses_taken($layer, $sectors, $categories, $term_from, $term_to)
