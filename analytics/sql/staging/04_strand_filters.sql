-- The bits of the chosen strands (stg_strands); 0 when none of them is in the data.
create or replace macro strand_mask_of(categories) as
    (select coalesce(bit_or(1::ubigint << strand_bit), 0::ubigint) from stg_strands where list_contains(categories, category));

-- A participant-term row (stg_participant_terms) counts under the filters: its sector and term are
-- chosen and it took part in a chosen strand (NULL = no filter).
create or replace macro counted_participant(sector, term_order, strand_mask, sectors, categories, term_from, term_to) as
    chosen(sectors, sector)
    and in_terms(term_order, term_from, term_to)
    and (categories is null or (strand_mask & strand_mask_of(categories)) != 0);

-- How many of a participant's enrollments in a term pass a strand filter, from the n_* columns:
-- for the disclosure queries until they read strand_mask.
create or replace macro strand_enrollments(categories, n_all, n_cult, n_rig, n_other) as
    case
        when categories is null then n_all + n_cult + n_rig + n_other
        else
            (case when list_contains(categories, 'all_learners') then n_all else 0 end)
            + (case when list_contains(categories, 'culturally_proficient') then n_cult else 0 end)
            + (case when list_contains(categories, 'rigorous_curricula') then n_rig else 0 end)
            + (case when list_contains(categories, 'other') then n_other else 0 end)
    end;
