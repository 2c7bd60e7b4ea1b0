-- How many of a participant's enrollments in a term pass a strand filter (NULL = no filter),
-- from the n_* columns of stg_participant_terms.
create or replace macro strand_enrollments(categories, n_all, n_cult, n_rig, n_other) as
    case
        when categories is null then n_all + n_cult + n_rig + n_other
        else
            (case when list_contains(categories, 'all_learners') then n_all else 0 end)
            + (case when list_contains(categories, 'culturally_proficient') then n_cult else 0 end)
            + (case when list_contains(categories, 'rigorous_curricula') then n_rig else 0 end)
            + (case when list_contains(categories, 'other') then n_other else 0 end)
    end;
