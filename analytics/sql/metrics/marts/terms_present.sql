-- Grain: one term present in the data (offered in the catalog or enrolled in), in term order.
select term_order
from query_table($layer || 'terms')
order by term_order
