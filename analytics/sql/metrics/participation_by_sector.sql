-- Grain: one term and participant sector with at least one counted enrollment
-- (docs/METRICS.md `participation_by_sector`). A participant's sector in a term is that of their
-- latest-registered counting enrollment there; all their enrollments of the term count under it.
-- People from the person-term mart (one row per participant and term), enrollments per course.
with people as (
    select
        term_order,
        sector,
        count(*) as participants,
        count(*) filter (where first_term_order = term_order) as new_participants,
        count(*) filter (where first_term_order < term_order) as returning_participants
    from mart_participant_terms
    where counted_participant(sector, term_order, strand_mask, $sectors, $categories, $term_from, $term_to)
    group by term_order, sector
),

-- enrollments from the course-sector mart: its sector is the participant's sector in the term
volume as (
    select
        term_order,
        sector,
        sum(enrollments)::bigint as enrollments
    from mart_course_sectors
    where passes_filters(sector, category, term_order, $sectors, $categories, $term_from, $term_to)
    group by term_order, sector
),

per_sector as (
    select
        p.term_order,
        p.sector,
        v.enrollments,
        p.participants,
        p.new_participants,
        p.returning_participants
    from people as p
    inner join volume as v on v.term_order = p.term_order and v.sector = p.sector
)

select
    term_label(term_order) as term,
    sector,
    enrollments,
    participants,
    new_participants,
    returning_participants
from per_sector
order by term_order, sector
