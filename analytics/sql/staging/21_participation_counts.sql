-- Members layer (see 13_counted_course_sectors.sql).
-- A period is a term, or a school year (school_year_start) when by_year.
create or replace macro period_of(term_order, by_year) as
    case when by_year then school_year_start(term_order) else term_order end;

-- Grain: one period with counted staff under the filters: how many leaders and mentors (distinct
-- people in the period, as counted_staff lists them). From the staff terms when staff_terms_suffice
-- (by year, each person's first term of the year), else one distinct over (period, role, person),
-- then plain counts (cheaper than two distinct counts). The branch not taken is empty and costs nothing.
create or replace macro staff_by_period(layer, sectors, categories, term_from, term_to, by_year) as table
select
    period_of(term_order, by_year) as period,
    count(*) filter (where role = 'leader') as leaders,
    count(*) filter (where role = 'mentor') as mentors
from query_table(layer || 'staff_terms')
where
    staff_terms_suffice(sectors, categories, term_from, by_year)
    and in_terms(term_order, term_from, term_to)
    and (not by_year or year_first)
group by period
union all
select
    period,
    count(*) filter (where role = 'leader') as leaders,
    count(*) filter (where role = 'mentor') as mentors
from (
    select distinct
        period_of(term_order, by_year) as period,
        role,
        person_no
    from counted_staff(layer, sectors, categories, term_from, term_to)
    where not staff_terms_suffice(sectors, categories, term_from, by_year)
)
group by period;

-- Grain: one period with counted enrollments under the filters: its courses, enrollments,
-- participants (new: first term over all data inside the period; returning: before it), schools,
-- leaders and mentors, every count distinct over the period's terms (participation_by_term,
-- participation_by_year).
create or replace macro participation_counts(layer, sectors, categories, term_from, term_to, by_year) as table
with volume as (
    -- with no sector chosen, one row per course (course_totals: a course has one term and strand),
    -- so its courses are a count, not a distinct over every course-sector row (488,000 courses at
    -- 10,000,000 enrollments)
    select
        period_of(term_order, by_year) as period,
        count(*) as courses,
        sum(participants)::bigint as enrollments
    from query_table(layer || 'course_totals')
    where sectors is null and passes_filters(null, category, term_order, null, categories, term_from, term_to)
    group by period
    union all
    select
        period_of(term_order, by_year) as period,
        count(distinct course_no) as courses,
        sum(enrollments)::bigint as enrollments
    from counted_course_sectors(layer, sectors, categories, term_from, term_to)
    where sectors is not null
    group by period
),

-- One per person and period. A person whose first term of the period is counted is represented
-- by that term (most people; everyone without filters), read from the counts of person-term rows
-- (participant_terms_cube: in a term, every row is the period's first).
firsts as (
    select
        period_of(term_order, by_year) as period,
        period_of(first_term_order, by_year) as first_period,
        people
    from query_table(layer || 'participant_terms_cube')
    where
        counted_participant(sector, term_order, strand_mask, sectors, categories, term_from, term_to)
        and (not by_year or year_first)
),

-- By school year only: a person whose first term of the year is filtered out is represented by
-- their later counted terms of the year, made distinct.
later as (
    select
        period_of(term_order, true) as period,
        any_value(period_of(first_term_order, true)) as first_period,
        1 as people
    from counted_participants(layer, sectors, categories, term_from, term_to)
    where
        by_year
        and term_order != year_first_term
        and not counted_participant(
            year_first_sector, year_first_term, year_first_strand_mask, sectors, categories, term_from, term_to
        )
    group by period, person_no
),

per_period as (
    select
        period,
        sum(people)::bigint as participants,
        coalesce(sum(people) filter (where first_period = period), 0)::bigint as new_participants,
        coalesce(sum(people) filter (where first_period < period), 0)::bigint as returning_participants
    from (from firsts union all from later)
    group by period
),

schools as (
    select
        period_of(term_order, by_year) as period,
        count(distinct school_no) as schools
    from counted_school_terms(layer, sectors, categories, term_from, term_to)
    group by period
),

staff as (
    from staff_by_period(layer, sectors, categories, term_from, term_to, by_year)
)

select
    v.period,
    v.courses,
    v.enrollments,
    p.participants,
    p.new_participants,
    p.returning_participants,
    coalesce(k.schools, 0) as schools,
    coalesce(s.leaders, 0) as leaders,
    coalesce(s.mentors, 0) as mentors
from volume as v
inner join per_period as p on p.period = v.period
left join schools as k on k.period = v.period
left join staff as s on s.period = v.period;

-- Grain: one term and one part of it with counted enrollments under the filters: the participants'
-- sector in the term, or (by_strand) a strand, with its courses, enrollments and participants (new
-- and returning as in participants_by_part). A person has one sector in a term but counts under
-- every strand they took part in then (counted_participant_strands).
create or replace macro participation_split(layer, sectors, categories, term_from, term_to, by_strand) as table
with volume as (
    select
        term_order,
        case when by_strand then category else sector end as part,
        sum(enrollments)::bigint as enrollments
    from counted_course_sectors(layer, sectors, categories, term_from, term_to)
    group by term_order, part
),

-- Courses per strand only (a course has one strand; a sector's courses are not asked for): with
-- by_strand false this is empty and costs nothing, where a distinct count nobody reads would not.
strand_courses as (
    select
        term_order,
        category as part,
        count(distinct course_no) as courses
    from counted_course_sectors(layer, sectors, categories, term_from, term_to)
    where by_strand
    group by term_order, category
)

select
    p.term_order,
    p.part,
    c.courses,
    v.enrollments,
    p.participants,
    p.new_participants,
    p.returning_participants
from participants_by_part(layer, sectors, categories, term_from, term_to, by_strand) as p
inner join volume as v on v.term_order = p.term_order and v.part = p.part
left join strand_courses as c on c.term_order = p.term_order and c.part = p.part;
