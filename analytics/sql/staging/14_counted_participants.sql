-- Members layer (see 13_counted_course_sectors.sql).
-- Grain: one person in one term in which they count as a participant under the filters (their
-- sector in the term is chosen and one of their enrollments of the term is in a chosen strand).
create or replace macro counted_participants(layer, sectors, categories, term_from, term_to) as table
select *
from query_table(layer || 'participant_terms')
where counted_participant(sector, term_order, strand_mask, sectors, categories, term_from, term_to);

-- Grain: one person-term row, in any term, of a person whose first term counts under the filters
-- (a member of that first-term cohort). Later terms count in any sector or strand.
create or replace macro cohort_members(layer, sectors, categories, term_from, term_to) as table
select *
from query_table(layer || 'participant_terms')
where counted_participant(cohort_sector, first_term_order, cohort_strand_mask, sectors, categories, term_from, term_to);

-- Grain: one counted participant-term row (as counted_participants) and one chosen strand the
-- person took part in that term (a bit of strand_mask, numbered by stg_strands).
create or replace macro counted_participant_strands(layer, sectors, categories, term_from, term_to) as table
select
    p.*,
    s.category
from counted_participants(layer, sectors, categories, term_from, term_to) as p
inner join stg_strands as s on (p.strand_mask & (1::ubigint << s.strand_bit)) != 0
where chosen(categories, s.category);

-- Grain: one term and part with counted participants: how many, how many were in their first
-- term (new, over all data) and how many took part before (returning). The part is the
-- participant's sector in the term, or (by_strand) a strand: a person has one sector in a term,
-- so the sectors' counts add up to the term's, but counts under every strand they took part in.
-- Read from the counts of person-term rows (participant_terms_cube), which hold every column the
-- filters and these counts ask of a person-term row.
create or replace macro participants_by_part(layer, sectors, categories, term_from, term_to, by_strand) as table
with counted as (
    select *
    from query_table(layer || 'participant_terms_cube')
    where counted_participant(sector, term_order, strand_mask, sectors, categories, term_from, term_to)
),

people as (
    select
        term_order,
        sector as part,
        first_term_order,
        people
    from counted
    where not by_strand
    union all
    select
        c.term_order,
        s.category as part,
        c.first_term_order,
        c.people
    from counted as c
    inner join stg_strands as s on (c.strand_mask & (1::ubigint << s.strand_bit)) != 0
    where by_strand and chosen(categories, s.category)
)

select
    term_order,
    part,
    sum(people)::bigint as participants,
    coalesce(sum(people) filter (where first_term_order = term_order), 0)::bigint as new_participants,
    coalesce(sum(people) filter (where first_term_order < term_order), 0)::bigint as returning_participants
from people
group by term_order, part;

-- Grain: one term with counted participants: participants_by_part by sector, over all sectors.
create or replace macro participants_by_term(layer, sectors, categories, term_from, term_to) as table
select
    term_order,
    sum(participants)::bigint as participants,
    sum(new_participants)::bigint as new_participants,
    sum(returning_participants)::bigint as returning_participants
from participants_by_part(layer, sectors, categories, term_from, term_to, false)
group by term_order;

-- Grain: one person with counted enrollments under the filters, with how many: their courses
-- taken (a person has one enrollment per course). The enrollments are those of the person's
-- counted terms in a chosen strand. A counted term whose strands are all chosen (every term when
-- no strand is) counts all its courses, which its person-term row holds (courses); only the terms
-- of people who also took a strand not chosen go back to the enrollments, to count the chosen
-- ones. Joined on the email, not the number: the view would hash every enrollment's email again.
create or replace macro courses_taken(layer, sectors, categories, term_from, term_to) as table
with per_term as (
    select
        person_no,
        courses
    from counted_participants(layer, sectors, categories, term_from, term_to)
    where categories is null or (strand_mask & ~strand_mask_of(categories)) = 0
    union all
    -- (no strand chosen: this branch is dropped when the query is planned, not run on every enrollment)
    select
        p.person_no,
        count(*) as courses
    from counted_participants(layer, sectors, categories, term_from, term_to) as p
    inner join stg_counting_enrollments as e on e.person_id = p.person_id and e.term_order = p.term_order
    where
        categories is not null
        and (p.strand_mask & ~strand_mask_of(categories)) != 0
        and chosen(categories, e.category)
    group by p.person_no, p.term_order
)

select
    person_no,
    sum(courses)::bigint as courses_taken
from per_term
group by person_no;
