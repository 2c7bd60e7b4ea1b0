-- Macros the membership queries share. A school year opens with its summer: Summer and Fall of
-- year Y, Winter and Spring of Y + 1 are school year 'Y-(Y+1)', e.g. '2019-20'.
create or replace temp macro school_year_start(term_order) as
    case when term_order % 10 >= 3 then term_order // 10 else term_order // 10 - 1 end;
create or replace temp macro school_year_label(year_start) as
    year_start::varchar || '-' || lpad(((year_start + 1) % 100)::varchar, 2, '0');
