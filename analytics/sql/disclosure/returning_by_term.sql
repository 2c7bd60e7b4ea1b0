-- Members of every count cell of `returning_by_term` under one view (see participation_by_term.sql).
select
    term_label(term_order) as row_key,
    unnest(['participants', case when first_term_order = term_order then 'new_participants' else 'returning_participants' end]) as measure,
    'p' as kind,
    person_no as unit,
    1 as weight
from counted_participants($layer, $sectors, $categories, $term_from, $term_to)
