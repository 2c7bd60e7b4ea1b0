-- Grain: one row per number of courses taken (1, 2, 3 ...): how many people took that many.
-- Counted enrollments that pass the filters (courses_taken, members layer); the sector filter
-- applies to the participant's sector in each term, as in docs/METRICS.md, "Terms used".
select
    courses_taken,
    count(*) as people
from courses_taken($layer, $sectors, $categories, $term_from, $term_to)
group by courses_taken
order by courses_taken
