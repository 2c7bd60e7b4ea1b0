-- Members of every count cell of `cohort_retention` under one view (see participation_by_term.sql).
-- Members are chosen in their first term (its sector and strands); active counts them in any later
-- term, in any sector or strand. cohort_size repeats on every row of a cohort: its members are
-- listed once, on the row term = cohort (the engine maps the other rows to that cell).
select
    term_label(first_term_order) || chr(31) || term_label(term_order) as row_key,
    unnest(case when term_order = first_term_order then ['active', 'cohort_size'] else ['active'] end) as measure,
    'p' as kind,
    person_no as unit,
    1 as weight
from cohort_members($layer, $sectors, $categories, $term_from, $term_to)
