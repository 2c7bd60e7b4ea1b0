-- School years (docs/METRICS.md `participation_by_year`): `2019-20` is Summer 2019, Fall 2019,
-- Winter 2020 and Spring 2020. A year is known by its first calendar year, its "start": the term's
-- year for Summer and Fall (seasons 3, 4), the year before for Winter and Spring (1, 2).
create or replace macro school_year_start(term_order) as
    term_order // 10 - (case when term_order % 10 <= 2 then 1 else 0 end);

-- '2019-20' from its start year 2019.
create or replace macro school_year_label(start_year) as
    start_year::varchar || '-' || lpad(((start_year + 1) % 100)::varchar, 2, '0');
