-- Members layer (see 13_counted_course_sectors.sql).
-- Grain: one school, term, participant sector and strand with counted enrollments under the
-- filters; first_term_order is the school's first term over all data.
create or replace macro counted_school_terms(layer, sectors, categories, term_from, term_to) as table
select *
from query_table(layer || 'school_terms')
where passes_filters(sector, category, term_order, sectors, categories, term_from, term_to);
