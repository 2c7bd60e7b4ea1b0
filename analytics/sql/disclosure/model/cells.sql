-- Grain: one count cell (view, table, row key, count column) with at least one member, numbered;
-- value = its members' weights summed (the live table's number).
create or replace temp table disclosure_cells as
select
    (row_number() over (order by view_no, table_name, row_key, measure) - 1)::bigint as cell_no,
    view_no,
    table_name,
    row_key,
    measure,
    any_value(kind) as kind,
    sum(weight)::bigint as value
from disclosure_members
where kind <> 'c'
group by view_no, table_name, row_key, measure;
