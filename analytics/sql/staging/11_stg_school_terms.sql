-- Grain: one school (normalised name), term, participant sector and strand with at least one
-- counting enrollment; first_term_order is the school's first such term over all data.
create or replace view stg_school_terms as
with school_rows as (
    select
        school_no,
        any_value(school_key) as school_key,
        term_order,
        sector,
        category
    from stg_enrollment_facts
    where school_no is not null
    group by school_no, term_order, sector, category
)

select
    *,
    min(term_order) over (partition by school_no) as first_term_order
from school_rows;
