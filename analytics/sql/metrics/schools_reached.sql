-- Grain: one term and participant sector with at least one school among the counted
-- enrollments (docs/METRICS.md `schools_reached`). Schools are normalised names. new_schools: the
-- school's first counting enrollment over all history is in this term. cumulative_schools:
-- schools reached in this sector (under the sector and strand filters) in any term up to this
-- one, so a term_from filter hides earlier rows without restarting the count.
with in_scope as (
    select distinct
        term_order,
        sector,
        school_no,
        first_term_order
    from counted_school_terms($layer, $sectors, $categories, null, $term_to)
),

-- in_scope holds each school once per term and sector, so plain counts are distinct counts.
shown as (
    select
        term_order,
        sector,
        count(*) as schools,
        count(*) filter (where first_term_order = term_order) as new_schools
    from in_scope
    where in_terms(term_order, $term_from, null)
    group by term_order, sector
),

first_in_sector as (
    select
        sector,
        school_no,
        min(term_order) as first_order
    from in_scope
    group by sector, school_no
),

firsts_per_term as (
    select
        sector,
        first_order,
        count(*) as schools
    from first_in_sector
    group by sector, first_order
),

cumulative as (
    select
        s.term_order,
        s.sector,
        sum(f.schools)::bigint as cumulative_schools
    from shown as s
    inner join firsts_per_term as f on f.sector = s.sector and f.first_order <= s.term_order
    group by s.term_order, s.sector
)

select
    term_label(s.term_order) as term,
    s.sector,
    s.schools,
    s.new_schools,
    c.cumulative_schools
from shown as s
inner join cumulative as c on c.term_order = s.term_order and c.sector = s.sector
order by s.term_order, s.sector
