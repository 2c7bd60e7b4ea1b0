-- Members layer (see 13_counted_course_sectors.sql).
-- Grain: one school, term, participant sector and strand with counted enrollments under the
-- filters; first_term_order is the school's first term over all data.
create or replace macro counted_school_terms(layer, sectors, categories, term_from, term_to) as table
select *
from query_table(layer || 'school_terms')
where passes_filters(sector, category, term_order, sectors, categories, term_from, term_to);

-- Grain: one school, term and participant sector reached under the sector and strand filters in
-- a term up to term_to; first_term_order: the school's first term over all data; first_in_sector:
-- its first term reached in this sector under the filters (running totals count from there).
create or replace macro schools_reached_in(layer, sectors, categories, term_to) as table
with reached as (
    select distinct
        term_order,
        sector,
        school_no,
        first_term_order
    from counted_school_terms(layer, sectors, categories, null, term_to)
),

-- a join to the minimum costs less than a window over every row
first_reached as (
    select
        sector,
        school_no,
        min(term_order) as first_in_sector
    from reached
    group by sector, school_no
)

select
    r.*,
    f.first_in_sector
from reached as r
inner join first_reached as f on f.sector = r.sector and f.school_no = r.school_no;
