-- Grain: one row per person who could lead a future course: a participant (counted enrollments
-- passing the filters) in at least $min_terms distinct terms, who answered "yes" to leading on
-- a survey, whose average course rating is at least $min_rating, and who has not led yet.
-- Survey answers and leading are read over all history: they describe the person.
-- The survey conditions come first (one row per person who answered: survey_people): they leave a
-- few people in a hundred, whose terms are then read from the person-terms (members layer) and
-- whose courses from their person-term counts.
with answers as (
    select
        person_id,
        rating_sum / ratings as avg_rating,
        said_yes
    from query_table($layer || 'survey_people')
    where said_yes > 0 and ratings > 0 and rating_sum / ratings >= $min_rating
),

candidates as (
    select a.*
    from answers as a
    where a.person_id not in (select l.person_id from course_staff as l where l.role = 'leader')
),

-- A person counts in a term when their sector then and one of that term's strands are chosen.
counted_terms as (
    select
        p.person_id,
        p.term_order,
        p.sector,
        p.strand_mask,
        p.courses
    from counted_participants($layer, $sectors, $categories, $term_from, $term_to) as p
    where p.person_id in (select c.person_id from candidates as c)
),

participation as (
    select
        person_id,
        count(*) as terms_participated,
        term_label(min(term_order)) as first_term,
        term_label(max(term_order)) as last_term,
        arg_max(sector, term_order) as sector
    from counted_terms
    group by person_id
    having count(*) >= $min_terms
),

-- Their courses: counting enrollments of a counted term in a chosen strand (a person enrolls in a
-- course once, and a course belongs to one term, so this is how many courses). A term whose
-- strands are all chosen adds its person-term count; only a term that also holds a strand not
-- chosen goes back to its enrollments (with no strand chosen that branch is dropped when planned).
-- The rule of the members layer's courses_taken (14_counted_participants.sql), kept here because
-- it runs on these few people's terms only: the macro counts every counted person first, 20-30 %
-- slower at 1,000,000 enrollments.
courses as (
    select
        person_id,
        sum(courses)::bigint as courses_taken
    from (
        select
            t.person_id,
            t.courses
        from counted_terms as t
        where
            t.person_id in (select p.person_id from participation as p)
            and ($categories is null or (t.strand_mask & ~strand_mask_of($categories)) = 0)
        union all
        select
            e.person_id,
            count(*) as courses
        from stg_counting_enrollments as e
        inner join counted_terms as t on t.person_id = e.person_id and t.term_order = e.term_order
        where
            $categories is not null
            and (t.strand_mask & ~strand_mask_of($categories)) != 0
            and e.person_id in (select p.person_id from participation as p)
            and chosen($categories, e.category)
        group by e.person_id, e.term_order
    )
    group by person_id
)

select
    p.person_id as email,
    pe.full_name,
    p.sector,
    p.terms_participated,
    k.courses_taken,
    p.first_term,
    p.last_term,
    round(c.avg_rating, 2) as avg_rating,
    c.said_yes as said_yes_to_leading
from participation as p
inner join candidates as c on c.person_id = p.person_id
inner join courses as k on k.person_id = p.person_id
left join people as pe on pe.person_id = p.person_id
order by p.terms_participated desc, c.avg_rating desc, p.person_id
