-- Grain: one row per person who could lead a future course: a participant (counted enrollments
-- passing the filters) in at least $min_terms distinct terms, who answered "yes" to leading on
-- a survey, whose average course rating is at least $min_rating, and who has not led yet.
-- Survey answers and leading are read over all history: they describe the person.
with filtered as (
    select *
    from stg_enrollment_facts
    where
        passes_filters(sector, category, term_order, $sectors, $categories, $term_from, $term_to)
),

participation as (
    select
        person_id,
        count(distinct term_order) as terms_participated,
        count(distinct course_id) as courses_taken,
        term_label(min(term_order)) as first_term,
        term_label(max(term_order)) as last_term,
        arg_max(sector, term_order) as sector
    from filtered
    group by person_id
),

answers as (
    select
        person_id,
        avg(rating) as avg_rating,
        count(*) filter (where lead_interest = 'yes') as said_yes
    from survey_responses
    where person_id is not null
    group by person_id
),

already_led as (
    select distinct person_id
    from course_staff
    where role = 'leader'
)

select
    p.person_id as email,
    pe.full_name,
    p.sector,
    p.terms_participated,
    p.courses_taken,
    p.first_term,
    p.last_term,
    round(a.avg_rating, 2) as avg_rating,
    a.said_yes as said_yes_to_leading
from participation as p
inner join answers as a on a.person_id = p.person_id
left join people as pe on pe.person_id = p.person_id
where
    p.terms_participated >= $min_terms
    and a.said_yes > 0
    and a.avg_rating >= $min_rating
    and p.person_id not in (select l.person_id from already_led as l)
order by p.terms_participated desc, a.avg_rating desc, p.person_id
