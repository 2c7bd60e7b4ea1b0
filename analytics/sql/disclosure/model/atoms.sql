-- Atoms: units (people, course-sector enrollment groups, schools) counted by exactly the same
-- cells form one atom; its size is the units' weights summed. disclosure_incidence: which atoms
-- each cell sums.
create or replace temp table disclosure_units as
select
    m.kind,
    m.unit,
    max(m.weight) as weight,
    list(distinct c.cell_no order by c.cell_no) as signature
from disclosure_members as m
inner join disclosure_cells as c
    on c.view_no = m.view_no and c.table_name = m.table_name and c.row_key = m.row_key and c.measure = m.measure
group by m.kind, m.unit;

create or replace temp table disclosure_atoms as
select
    (row_number() over (order by kind, signature) - 1)::bigint as atom_no,
    kind,
    signature,
    sum(weight)::bigint as size
from disclosure_units
group by kind, signature;

create or replace temp table disclosure_incidence as
select
    unnest(signature) as cell_no,
    atom_no
from disclosure_atoms;
