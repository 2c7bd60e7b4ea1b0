-- Grain: one data row of the command's files of one kind (ing_src), with its term read
-- (term_order and term_label, NULL when the text is no term): every kind with a term
-- column reads it this one way, before its own values.
create or replace temp view ing_termed as
select
    s.*,
    t.value::integer as term_order,
    t.label as term_label
from ing_src as s
left join ing_values as t on t.field = 'term' and t.raw = s.term
