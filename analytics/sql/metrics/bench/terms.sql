-- Grain: one synthetic term: $terms consecutive seasons from Winter 2000 on (benchmark only).
create temp table bench_terms as
select
    i,
    (2000 + i // 4) * 10 + (i % 4) + 1 as term_order
from range($terms::bigint) as t (i)
