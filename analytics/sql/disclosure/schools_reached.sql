-- Members of every count cell of `schools_reached` under one view (see participation_by_term.sql).
-- A school counts under the sector of the participants it sent; new_schools: its first counting
-- enrollment over all history is in the term; cumulative: reached in the sector up to the term.
with reached as (
    from schools_reached_in($layer, $sectors, $categories, $term_to)
),

shown as (
    select distinct term_order, sector from reached
)

select
    term_label(term_order) || chr(31) || sector as row_key,
    unnest(case when first_term_order = term_order then ['schools', 'new_schools'] else ['schools'] end) as measure,
    's' as kind,
    school_no as unit,
    1 as weight
from reached
union all
select
    term_label(s.term_order) || chr(31) || s.sector,
    'cumulative_schools',
    's',
    r.school_no,
    1
from shown as s
inner join reached as r on r.sector = s.sector and r.term_order = r.first_in_sector and r.first_in_sector <= s.term_order
