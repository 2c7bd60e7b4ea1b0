-- Grain: one school year with at least one counted enrollment (docs/METRICS.md `participation_by_year`).
-- A school year runs Summer, Fall, Winter, Spring: `2019-20` is Summer 2019 to Spring 2020
-- (staging macros school_year_start / school_year_label). Counts are distinct over the year's terms
-- (a person in Fall and Spring counts once); new = first term (over all data) inside the year,
-- returning = first term before the year starts. The term filters choose terms, so a year cut by
-- term_from / term_to counts only its chosen terms. The same members as participation_by_term
-- (participation_counts, analytics/sql/staging/21), by year.
select
    school_year_label(period) as school_year,
    * exclude (period)
from participation_counts($layer, $sectors, $categories, $term_from, $term_to, true)
order by period
