-- Grain: one catalog course with at least one survey response or one completion: its survey scores
-- over all sectors (survey_scores per course, no sector filter), with its term, strand and the
-- catalog's text and order (stg_course_numbers) joined in. A course's term and strand are one, so
-- a strand or term filter keeps or drops the whole row: with no sector chosen survey_by_course
-- reads these rows (survey_course_rows) instead of working out 44,000 courses' scores and joining
-- the catalog at 1,000,000 enrollments. A row depends on its course's term only.
create or replace view stg_survey_course_scores as
select
    s.*,
    k.place_in_term,
    k.term,
    k.course_code,
    k.course_title,
    k.category as catalog_category
from survey_scores('stg_', null, null, null, null, true) as s
inner join stg_course_numbers as k on k.course_no = s.course_no;

-- Members layer (see 13_counted_course_sectors.sql).
-- The rows of docs/METRICS.md `survey_by_course` with their order keys: the prepared rows above
-- when no sector is chosen, else the scores of the counted responses and completions.
create or replace macro survey_course_rows(layer, sectors, categories, term_from, term_to) as table
select
    term_order,
    place_in_term,
    term,
    course_code,
    course_title,
    catalog_category as category,
    * exclude (course_no, term_order, category, place_in_term, term, course_code, course_title, catalog_category)
from query_table(layer || 'survey_course_scores')
where sectors is null and passes_filters(null, category, term_order, null, categories, term_from, term_to)
union all
select
    k.term_order,
    k.place_in_term,
    k.term,
    k.course_code,
    k.course_title,
    k.category,
    s.* exclude (course_no, term_order, category)
from survey_scores(layer, sectors, categories, term_from, term_to, true) as s
inner join query_table(layer || 'course_numbers') as k on k.course_no = s.course_no
where sectors is not null;
