-- Grain: one term and participant sector with at least one school among the counted
-- enrollments (docs/METRICS.md `schools_reached`). Schools are normalised names. new_schools: the
-- school's first counting enrollment over all history is in this term. cumulative_schools:
-- schools reached in this sector (under the sector and strand filters) in any term up to this
-- one, so a term_from filter hides earlier rows without restarting the count. Rows:
-- schools_reached_in (members layer, analytics/sql/staging/15), each school once per term and sector.
with reached as (
    from schools_reached_in($layer, $sectors, $categories, $term_to)
),

shown as (
    select
        term_order,
        sector,
        count(*) as schools,
        count(*) filter (where first_term_order = term_order) as new_schools
    from reached
    where in_terms(term_order, $term_from, null)
    group by term_order, sector
),

firsts_per_term as (
    select
        sector,
        first_in_sector,
        count(*) as schools
    from reached
    where term_order = first_in_sector
    group by sector, first_in_sector
),

cumulative as (
    select
        s.term_order,
        s.sector,
        sum(f.schools)::bigint as cumulative_schools
    from shown as s
    inner join firsts_per_term as f on f.sector = s.sector and f.first_in_sector <= s.term_order
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
