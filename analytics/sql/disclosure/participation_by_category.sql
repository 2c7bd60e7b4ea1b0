-- Members of every count cell of `participation_by_category` under one view (see
-- participation_by_term.sql for the columns). A person counts under each strand they took part in
-- (counted_participant_strands: strands are data, none is named here).
select term_label(term_order) || chr(31) || category as row_key, measure, kind, unit, weight
from enrollment_members($layer, $sectors, $categories, $term_from, $term_to)
union all
select term_label(term_order) || chr(31) || category, 'participants', 'p', person_no, 1
from counted_participant_strands($layer, $sectors, $categories, $term_from, $term_to)
