-- How many of a participant's enrollments in a term pass a strand filter (NULL = no filter),
-- from a map strand -> enrollments (stg_participant_terms.enrollments_by_strand). The strands
-- are data: a strand the vocabulary gains needs no change here.
create or replace macro enrollments_in_strands(categories, by_strand) as
    case
        when categories is null then list_sum(map_values(by_strand))
        else coalesce(list_sum(list_transform(categories, lambda c: coalesce(by_strand[c], 0))), 0)
    end;

-- A participant-term row (stg_participant_terms) counts under the filters: its sector and term are
-- chosen and at least one of its enrollments is in a chosen strand.
create or replace macro counted_participant(sector, term_order, by_strand, sectors, categories, term_from, term_to) as
    chosen(sectors, sector)
    and in_terms(term_order, term_from, term_to)
    and enrollments_in_strands(categories, by_strand) > 0;

-- The same from the n_* columns, for the disclosure queries until they read enrollments_by_strand.
create or replace macro strand_enrollments(categories, n_all, n_cult, n_rig, n_other) as
    case
        when categories is null then n_all + n_cult + n_rig + n_other
        else
            (case when list_contains(categories, 'all_learners') then n_all else 0 end)
            + (case when list_contains(categories, 'culturally_proficient') then n_cult else 0 end)
            + (case when list_contains(categories, 'rigorous_curricula') then n_rig else 0 end)
            + (case when list_contains(categories, 'other') then n_other else 0 end)
    end;
