-- The bits of the chosen strands (stg_strands); 0 when none of them is in the data.
create or replace macro strand_mask_of(categories) as
    (select coalesce(bit_or(1::ubigint << strand_bit), 0::ubigint) from stg_strands where list_contains(categories, category));

-- A participant-term row (stg_participant_terms) counts under the filters: its sector and term are
-- chosen and it took part in a chosen strand (NULL = no filter).
create or replace macro counted_participant(sector, term_order, strand_mask, sectors, categories, term_from, term_to) as
    chosen(sectors, sector)
    and in_terms(term_order, term_from, term_to)
    and (categories is null or (strand_mask & strand_mask_of(categories)) != 0);
