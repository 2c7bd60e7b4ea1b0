-- Grain: one term present in the data (offered in the catalog or enrolled in), with its
-- 1-based position in term order: "terms between" counts positions, not calendar time.
create or replace view stg_terms as
with offered as (
    select term_order from courses
    union
    select term_order from enrollments
)

select
    term_order,
    row_number() over (order by term_order) as term_position
from offered;
