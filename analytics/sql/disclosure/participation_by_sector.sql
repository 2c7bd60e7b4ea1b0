-- Members of every count cell of `participation_by_sector` under one view (see
-- participation_by_term.sql for the columns). The participant's sector in the term decides the row.
select term_label(term_order) || chr(31) || sector as row_key, measure, kind, unit, weight
from enrollment_members($layer, $sectors, $categories, $term_from, $term_to)
union all
select term_label(term_order) || chr(31) || sector, measure, kind, unit, weight
from participant_members($layer, $sectors, $categories, $term_from, $term_to)
