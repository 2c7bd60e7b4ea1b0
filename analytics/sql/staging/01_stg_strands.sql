-- Grain: one strand (course category) that some course has. Strands are data: each gets a bit,
-- numbered in name order, so that a participant's strands in a term are one integer
-- (stg_participant_terms.strand_mask) and a strand filter is one AND (macro strand_mask_of).
-- The numbering changes when the strands in the data change, and so does the data's stamp, so
-- the marts built with it are rebuilt before they are read. Up to 64 strands.
-- (The bit's number is unsigned, so that 1::ubigint << strand_bit stays a UBIGINT: shifted by a
-- signed integer it becomes a HUGEINT, twice as wide and several times slower to read back from the
-- person-term mart's three mask columns.)
create or replace view stg_strands as
select
    category,
    (row_number() over (order by category) - 1)::utinyint as strand_bit
from (select distinct category from courses);
