-- 'Spring 2018' from 20182 (term_order = year * 10 + season, Winter = 1 .. Fall = 4).
create or replace macro term_label(term_order) as
    (['Winter', 'Spring', 'Summer', 'Fall'])[term_order % 10] || ' ' || (term_order // 10)::varchar;
