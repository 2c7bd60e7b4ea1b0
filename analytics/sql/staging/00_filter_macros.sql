-- The dashboard's filters (docs/METRICS.md, Filters), written once for every metric query.
-- Each query passes its bound $sectors, $categories, $term_from, $term_to; NULL means "no
-- filter", never a special string. Macros are expanded where they are used, so a filter costs
-- the same as writing the conditions out.

-- No choice made, or the value is one of the choices (a sector or a strand).
create or replace macro chosen(choices, value) as
    (choices is null or list_contains(choices, value));

-- Within the term range (either end may be open).
create or replace macro in_terms(term_order, term_from, term_to) as
    (term_from is null or term_order >= term_from) and (term_to is null or term_order <= term_to);

-- A row with this sector, strand and term passes every filter.
create or replace macro passes_filters(sector, category, term_order, sectors, categories, term_from, term_to) as
    chosen(sectors, sector) and chosen(categories, category) and in_terms(term_order, term_from, term_to);
