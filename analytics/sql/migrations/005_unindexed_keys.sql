-- survey_responses and course_staff give up their primary keys, as people and enrollments did in
-- migration 1: keeping the index up to date cost an import of 1,000,000 enrollments about a second
-- (inserting 393,600 survey responses 0.69 s with the key, 0.34 s without, and its commit 0.36 s
-- more; the 89,556 staff rows 0.28 s). The importer keeps their keys unique, since it merges by
-- key, and tests/test_bench_unique_keys.py checks that, as it does for people and enrollments.
-- DuckDB cannot drop a constraint, so each table is copied into one without it, in column order.

create table survey_responses_unindexed (
    response_id    varchar not null,     -- unique: a hash of (course_id, person_id, submitted_at)
    course_id      varchar not null,
    term           varchar not null,
    term_order     integer not null,
    person_id      varchar,              -- null = anonymous
    submitted_at   timestamp,
    rating         smallint,             -- 1-5
    recommend      smallint,             -- 0-10
    implement      smallint,             -- 1-5 agreement
    lead_interest  varchar,              -- yes | no | maybe
    comments       varchar,
    batch_id       integer not null,
    source_line    integer
);
insert into survey_responses_unindexed select * from survey_responses;
drop table survey_responses;
alter table survey_responses_unindexed rename to survey_responses;

create table course_staff_unindexed (
    course_id     varchar not null,      -- unique with role and person_id
    role          varchar not null,      -- leader | mentor
    person_id     varchar not null,
    name          varchar,
    school        varchar,
    sector        varchar,               -- as given in the catalog, normalised; null when blank
    batch_id      integer not null
);
insert into course_staff_unindexed select * from course_staff;
drop table course_staff;
alter table course_staff_unindexed rename to course_staff;
