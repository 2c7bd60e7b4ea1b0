-- Grain: one strand (course category) that some course has. Strands are data: each gets a bit,
-- numbered in name order, so that a participant's strands in a term are one integer
-- (stg_participant_terms.strand_mask) and a strand filter is one AND (macro strand_mask_of).
-- The numbering changes when the strands in the data change, and so does the data's stamp, so
-- the marts built with it are rebuilt before they are read. Up to 64 strands.
create or replace view stg_strands as
select
    category,
    (row_number() over (order by category) - 1)::integer as strand_bit
from (select distinct category from courses);
