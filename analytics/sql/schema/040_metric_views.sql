-- Staging views under the metric queries (analytics/sql/metrics/*.sql).
-- None takes a parameter: they hold the facts that filters must never change
-- (a person's first term, their sector in each term, who led what, when),
-- decided over all data. Each metric query filters on top of them.

-- 'Spring 2018' from 20182 (term_order = year * 10 + season, Winter = 1 .. Fall = 4).
create or replace macro term_label(term_order) as
    (['Winter', 'Spring', 'Summer', 'Fall'])[term_order % 10] || ' ' || (term_order // 10)::varchar;

-- Grain: one term present in the data (offered in the catalog or enrolled in), with its
-- 1-based position in term order: "terms between" counts positions, not calendar time.
create or replace view stg_terms as
with offered as (
    select term_order from courses
    union
    select term_order from enrollments
)

select
    term_order,
    row_number() over (order by term_order) as term_position
from offered;

-- Numbers for people, courses and schools: the low 64 bits of the key's MD5, so every view
-- numbers alike without a join. Not DuckDB's hash(): it gives patterned addresses such as
-- load2133@school3.org and load2134@school4.org the same number. The marts count distinct numbers rather than strings (several times faster
-- at a million rows); analytics.metrics.marts checks after each rebuild that no two keys
-- share a number (a 64-bit hash: about 1 chance in 10^7 at a million people).
drop view if exists stg_keys;

-- Grain: one counting enrollment (status enrolled or completed); the course's strand and
-- the school's normalised name (same rule as schools.school_key) come with it.
create or replace view stg_counting_enrollments as
with counting as (
    select
        e.course_id,
        e.term_order,
        e.person_id,
        e.status,
        e.sector as enrollment_sector,
        nullif(regexp_replace(lower(trim(e.school)), '\s+', ' ', 'g'), '') as school_key,
        coalesce(c.category, 'other') as category,
        e.registered_at,
        e.batch_id,
        e.source_line
    from enrollments as e
    left join courses as c on c.course_id = e.course_id
    where e.status in ('enrolled', 'completed')
)

select
    *,
    md5_number_lower(course_id) as course_no,
    md5_number_lower(person_id) as person_no,
    case when school_key is not null then md5_number_lower(school_key) end as school_no
from counting;

-- Grain: one person in one term in which they were a participant. Their sector in the
-- term is that of their latest-registered counting enrollment (ties: the later load,
-- then the later line, then the course id, so the choice never depends on scan order);
-- first_term_order is over all terms, sectors and strands. The n_* columns count their
-- counting enrollments of the term per strand (n_other: any other strand), so that people can
-- be counted under a strand filter without going back to single enrollments. The cohort_*
-- columns repeat the first term's sector and n_* on each of the person's rows.
create or replace view stg_participant_terms as
with per_term as (
    select
        person_id,
        any_value(person_no) as person_no,
        term_order,
        first(
            enrollment_sector
            order by registered_at desc nulls last, batch_id desc, source_line desc nulls last, course_id desc
        ) as sector,
        count(*) filter (where category = 'all_learners') as n_all_learners,
        count(*) filter (where category = 'culturally_proficient') as n_culturally_proficient,
        count(*) filter (where category = 'rigorous_curricula') as n_rigorous_curricula,
        count(*) filter (
            where category not in ('all_learners', 'culturally_proficient', 'rigorous_curricula')
        ) as n_other
    from stg_counting_enrollments
    group by person_id, term_order
)

select
    person_id,
    person_no,
    term_order,
    sector,
    min(term_order) over first_terms as first_term_order,
    n_all_learners,
    n_culturally_proficient,
    n_rigorous_curricula,
    n_other,
    -- The same person's first term's sector and strand counts on every row, so that cohort
    -- tables choose members with a filter on one scan instead of joining people to themselves.
    first_value(sector) over first_terms as cohort_sector,
    first_value(n_all_learners) over first_terms as cohort_n_all_learners,
    first_value(n_culturally_proficient) over first_terms as cohort_n_culturally_proficient,
    first_value(n_rigorous_curricula) over first_terms as cohort_n_rigorous_curricula,
    first_value(n_other) over first_terms as cohort_n_other
from per_term
window first_terms as (partition by person_id order by term_order);

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

-- Grain: one counting enrollment with its participant's sector in that term and first term.
-- This is what every participation metric filters: sector = the participant's sector.
create or replace view stg_enrollment_facts as
select
    e.course_id,
    e.term_order,
    e.person_id,
    e.status,
    e.school_key,
    e.category,
    p.sector,
    p.first_term_order,
    e.course_no,
    e.person_no,
    e.school_no
from stg_counting_enrollments as e
inner join stg_participant_terms as p on p.person_id = e.person_id and p.term_order = e.term_order;

-- Grain: one person named as leader or mentor of one course, with the course's term and the
-- staff member's sector: the catalog's, else their school's, else the sector of their own
-- latest counting enrollment, else 'other'.
create or replace view stg_course_staff as
with latest_own_sector as (
    select
        person_id,
        arg_max(sector, term_order) as sector
    from stg_participant_terms
    group by person_id
)

select
    s.course_id,
    c.term_order,
    c.category,
    s.role,
    s.person_id,
    coalesce(s.sector, sch.sector, own.sector, 'other') as sector,
    md5_number_lower(s.course_id) as course_no,
    md5_number_lower(s.person_id) as person_no
from course_staff as s
inner join courses as c on c.course_id = s.course_id
left join schools as sch on sch.school_key = nullif(regexp_replace(lower(trim(s.school)), '\s+', ' ', 'g'), '')
left join latest_own_sector as own on own.person_id = s.person_id;

-- Grain: one survey response, with its course's strand and the respondent's sector in that
-- term (null when anonymous, or when the respondent took part in nothing that term).
create or replace view stg_survey_responses as
select
    r.response_id,
    r.course_id,
    md5_number_lower(r.course_id) as course_no,
    r.term_order,
    coalesce(c.category, 'other') as category,
    r.person_id,
    p.sector as respondent_sector,
    r.rating,
    r.recommend,
    r.implement,
    r.lead_interest
from survey_responses as r
left join courses as c on c.course_id = r.course_id
left join stg_participant_terms as p on p.person_id = r.person_id and p.term_order = r.term_order;

-- Grain: one term, status, sector and strand, with how many enrollments (any status) it has.
-- The sector is the participant's sector in the term when the person took part then, else the
-- sector the enrollment itself carries (someone who only withdrew or waited has no other).
create or replace view stg_enrollment_status as
select
    e.term_order,
    e.status,
    coalesce(p.sector, e.sector) as sector,
    coalesce(c.category, 'other') as category,
    count(*) as enrollments
from enrollments as e
left join courses as c on c.course_id = e.course_id
left join stg_participant_terms as p on p.person_id = e.person_id and p.term_order = e.term_order
group by e.term_order, e.status, coalesce(p.sector, e.sector), coalesce(c.category, 'other');

-- Grain: at most one row: the data stamp the metric marts (mart_*) were last built from.
-- analytics.metrics.marts rebuilds them when the data's stamp no longer matches.
create table if not exists mart_state (
    stamp varchar not null
);

-- Grain: one course and one distinct sector of its leaders (a course led from two sectors has
-- two rows; a course without a leader has none); leader_sectors: all of them, alphabetical,
-- joined with ';' (the same on each row of the course).
create or replace view stg_course_leader_sectors as
with distinct_sectors as (
    select distinct
        course_id,
        course_no,
        sector as leader_sector
    from stg_course_staff
    where role = 'leader'
)

select
    *,
    string_agg(leader_sector, ';' order by leader_sector) over (partition by course_id) as leader_sectors
from distinct_sectors;

-- Grain: one course and one participant sector, with its counting enrollments (also its
-- participants: one enrollment per person and course) and how many are completed. Every filter
-- (sector, strand, term) applies at this grain, so course-level tables need no single enrollments.
create or replace view stg_course_sectors as
select
    course_id,
    any_value(course_no) as course_no,
    term_order,
    category,
    sector,
    count(*) as enrollments,
    count(*) filter (where status = 'completed') as completions
from stg_enrollment_facts
group by course_id, term_order, category, sector;

-- Grain: one school (normalised name), term, participant sector and strand with at least one
-- counting enrollment; first_term_order is the school's first such term over all data.
create or replace view stg_school_terms as
with school_rows as (
    select
        school_no,
        any_value(school_key) as school_key,
        term_order,
        sector,
        category
    from stg_enrollment_facts
    where school_no is not null
    group by school_no, term_order, sector, category
)

select
    *,
    min(term_order) over (partition by school_no) as first_term_order
from school_rows;

-- Grain: one course offering, with its number. The per-course tables join their counts back to
-- the catalog through this mart: numbering 49,000 courses with md5 in every query cost ~30 ms.
create or replace view stg_course_numbers as
select
    course_id,
    md5_number_lower(course_id) as course_no,
    term_order,
    course_code,
    course_title,
    category
from courses;
