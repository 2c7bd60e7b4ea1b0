-- Members layer (see 13_counted_course_sectors.sql).
-- Grain: one survey response under the filters: the respondent's sector in the term is chosen (so
-- a sector filter drops anonymous responses) and the course's strand and term are.
create or replace macro counted_responses(layer, sectors, categories, term_from, term_to) as table
select *
from query_table(layer || 'survey_responses')
where passes_filters(respondent_sector, category, term_order, sectors, categories, term_from, term_to);

-- The survey scores of docs/METRICS.md (survey_by_course), as aggregates over responses; each
-- ignores blank answers and is blank when nobody answered.
-- Net promoter score: % promoters (9-10) minus % detractors (0-6) of those who answered.
create or replace macro net_promoter(recommend) as
    100.0 * (count(*) filter (where recommend >= 9) - count(*) filter (where recommend <= 6))
    / nullif(count(recommend), 0);

-- Share of answers (a number, e.g. 1-5) at least `low`.
create or replace macro share_at_least(answer, low) as
    count(*) filter (where answer >= low) / nullif(count(answer), 0);

-- Share of answers equal to `value`.
create or replace macro share_equal(answer, value) as
    count(*) filter (where answer = value) / nullif(count(answer), 0);
