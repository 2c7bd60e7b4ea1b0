-- Grain: one person who answered at least one survey, over all history: how many of their answers
-- carry a rating and the ratings' sum (their average rating is the one over the other), and how
-- many times they said yes to leading a course. The list of possible course leaders
-- (analytics/sql/insights/leader_candidates.sql) starts from these few columns per person instead
-- of grouping every answer again on each filter change.
create or replace view stg_survey_people as
select
    person_id,
    count(rating) as ratings,
    sum(rating)::bigint as rating_sum,
    count(*) filter (where lead_interest = 'yes') as said_yes
from survey_responses
where person_id is not null
group by person_id;
