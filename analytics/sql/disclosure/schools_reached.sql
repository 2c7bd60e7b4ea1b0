-- Members of every count cell of `schools_reached` under one view (see participation_by_term.sql).
-- A school counts under the sector of the participants it sent; new_schools: its first counting
-- enrollment over all history is in the term; cumulative: reached in the sector up to the term.
with in_scope as (
    select distinct
        term_order,
        sector,
        school_no,
        first_term_order
    from mart_school_terms
    where ($sectors is null or list_contains($sectors, sector))
      and ($categories is null or list_contains($categories, category))
),

first_in_sector as (
    select
        sector,
        school_no,
        min(term_order) as first_order
    from in_scope
    group by sector, school_no
),

shown as (
    select distinct term_order, sector from in_scope
)

select
    term_label(term_order) || chr(31) || sector as row_key,
    unnest(case when first_term_order = term_order then ['schools', 'new_schools'] else ['schools'] end) as measure,
    's' as kind,
    school_no as unit,
    1 as weight
from in_scope
union all
select
    term_label(s.term_order) || chr(31) || s.sector,
    'cumulative_schools',
    's',
    f.school_no,
    1
from shown as s
inner join first_in_sector as f on f.sector = s.sector and f.first_order <= s.term_order
