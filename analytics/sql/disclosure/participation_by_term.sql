-- Members of every count cell of `participation_by_term` under one view ($sectors, $categories;
-- a view never has a term range, so $term_from and $term_to are null). One row per (row_key,
-- measure, unit): kind 'e' = a group of counting enrollments of one course and participant sector
-- (weight = how many), 'p' = a person, 's' = a school. Counting the members (sum of weights) must
-- give the live table exactly: both read the members layer (analytics/sql/staging/13-22).
select term_label(term_order) as row_key, measure, kind, unit, weight from enrollment_members($layer, $sectors, $categories, $term_from, $term_to)
union all
select term_label(term_order), measure, kind, unit, weight from participant_members($layer, $sectors, $categories, $term_from, $term_to)
union all
select distinct term_label(term_order), 'schools', 's', school_no, 1 from counted_school_terms($layer, $sectors, $categories, $term_from, $term_to)
union all
select term_label(term_order), role || 's', 'p', person_no, 1 from counted_staff($layer, $sectors, $categories, $term_from, $term_to)
