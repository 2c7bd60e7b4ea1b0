-- Grain: one person in one term in which they were a participant. Their sector in the
-- term is that of their latest-registered counting enrollment (ties: the later load,
-- then the later line, then the course id, so the choice never depends on scan order);
-- first_term_order is over all terms, sectors and strands. strand_mask has the bit of every strand
-- (stg_strands) they took part in that term, so that people can be counted under a strand filter
-- without going back to single enrollments (macro counted_participant); courses, how many counting
-- enrollments (courses) they had in the term (macro courses_taken). The cohort_* columns
-- repeat the first term's sector and strands on each of the person's rows; the year_first_* columns
-- repeat those of the person's first term in the row's school year (school_year_start), so that a
-- table per school year counts each person once without a distinct over every row
-- (participation_by_year).
-- (grouped and partitioned by the person's number: integers hash and sort faster than addresses)
-- The term's own part is a view of its own, so that an import that changed a few terms can take
-- the other terms' values from the mart and read again only the changed terms' enrollments
-- (analytics/sql/metrics/marts/increment.sql).
create or replace view stg_person_terms as
select
    any_value(person_id) as person_id,
    person_no,
    term_order,
    first(
        enrollment_sector
        order by registered_at desc nulls last, batch_id desc, source_line desc nulls last, course_id desc
    ) as sector,
    bit_or(1::ubigint << s.strand_bit) as strand_mask,
    count(*) as courses
from stg_counting_enrollments
inner join stg_strands as s using (category)
group by person_no, term_order;

create or replace view stg_participant_terms as
select
    person_id,
    person_no,
    term_order,
    sector,
    min(term_order) over first_terms as first_term_order,
    strand_mask,
    courses,
    -- The same person's first term's sector and strands on every row, so that cohort
    -- tables choose members with a filter on one scan instead of joining people to themselves.
    first_value(sector) over first_terms as cohort_sector,
    first_value(strand_mask) over first_terms as cohort_strand_mask,
    min(term_order) over year_terms as year_first_term,
    first_value(sector) over year_terms as year_first_sector,
    first_value(strand_mask) over year_terms as year_first_strand_mask
from stg_person_terms
window
    first_terms as (partition by person_no order by term_order),
    -- the person's terms from the start of this row's school year (its Summer: season 3) to this
    -- row: the same partition and order as first_terms, so both are computed from one sort of the
    -- rows (partitioned by the school year too, they took a second sort: 1 s of the marts at
    -- 10,000,000 enrollments)
    year_terms as (
        partition by person_no order by term_order
        range between term_order - (school_year_start(term_order) * 10 + 3) preceding and current row
    );
