-- Migration 1: the warehouse as the first released version wrote it (every table it had).
-- Warehouses written before migrations were recorded hold exactly these tables; the
-- statements keep `if not exists` so that such a warehouse takes this migration as a no-op
-- and is then recorded at version 1. Later changes are new numbered files, never edits here.

-- Grain: one row per file load (a batch). Every load is recorded, skipped or not,
-- so the data page can show the whole history and undo any batch.
create sequence if not exists batch_id_seq start 1;

create table if not exists import_batches (
    batch_id      integer primary key default nextval('batch_id_seq'),
    file_name     varchar not null,      -- base name of the file as given
    content_hash  varchar not null,      -- sha256 of the file bytes
    kind          varchar not null,      -- courses | enrollments | surveys | schools
    sheet         varchar,               -- XLSX sheet name, null for CSV
    rows_read     integer not null,
    loaded        integer not null,
    rejected      integer not null,
    inserted      integer not null default 0,
    updated       integer not null default 0,
    unchanged     integer not null default 0,
    imported_at   timestamp not null default current_timestamp,
    undone_at     timestamp              -- set when the batch was undone
);

-- Grain: one row per rejected input row. Nothing is dropped silently.
create table if not exists rejected_rows (
    batch_id     integer not null,
    file_name    varchar not null,
    line_no      integer not null,       -- 1-based line in the file (header = line of the header)
    column_name  varchar,                -- canonical column at fault, null for whole-row problems
    reason       varchar not null,
    raw_row      varchar                 -- the row as read, JSON object of header -> text
);

-- Canonical tables: what the collaborative's exports say, normalised (docs/DATA.md).
-- Every metric query reads these tables only. Terms are stored twice: the
-- canonical label ('Spring 2017') and term_order (year * 10 + season number,
-- Winter = 1 .. Fall = 4), which is what every query sorts and filters by.

-- Grain: one school, keyed by its normalised name.
create table if not exists schools (
    school_key    varchar primary key,   -- lower(trim(name)) with spaces collapsed
    school        varchar not null,      -- name as last exported
    sector        varchar not null,      -- district | charter | catholic | independent | other
    neighborhood  varchar,
    grades        varchar,
    batch_id      integer not null
);

-- Grain: one person = one resolved email (after identity overrides).
-- people and enrollments declare no primary key: keeping the index up to date cost about a third
-- of the import's CPU at 1,000,000 enrollments (issue 6). The importer keeps their keys unique
-- (it merges by key), and tests/test_bench_unique_keys.py checks that after repeated imports.
create table if not exists people (
    person_id     varchar not null,      -- the resolved, lower-cased email; unique (see below)
    full_name     varchar,
    name_key      varchar,               -- lower-case name without accents/punctuation, for duplicates
    batch_id      integer not null
);

-- Grain: one course offered in one term. Natural key: (term, course code or title).
create table if not exists courses (
    course_id     varchar primary key,   -- term_order || ':' || coalesce(upper(course_code), 't:' || lower(course_title))
    term          varchar not null,
    term_order    integer not null,
    course_code   varchar,
    course_title  varchar,
    category      varchar not null,      -- all_learners | culturally_proficient | rigorous_curricula | other
    start_date    date,
    sessions      integer,
    capacity      integer,
    batch_id      integer not null
);

-- Grain: one person in one role (leader or mentor) of one course.
create table if not exists course_staff (
    course_id     varchar not null,
    role          varchar not null,      -- leader | mentor
    person_id     varchar not null,
    name          varchar,
    school        varchar,
    sector        varchar,               -- as given in the catalog, normalised; null when blank
    batch_id      integer not null,
    primary key (course_id, role, person_id)
);

-- Grain: one person registered for one course in one term. Natural key: (course_id, person_id).
create table if not exists enrollments (
    course_id      varchar not null,
    term           varchar not null,
    term_order     integer not null,
    person_id      varchar not null,
    email          varchar not null,     -- the address as exported, normalised (before overrides)
    full_name      varchar,
    school         varchar,
    sector         varchar not null,     -- given, else the school's sector, else 'other'
    status         varchar not null,     -- enrolled | completed | withdrawn | waitlisted
    registered_at  timestamp,
    role           varchar,
    grade_band     varchar,
    subject        varchar,
    referred_by    varchar,
    batch_id       integer not null,
    source_line    integer
);

-- Grain: one post-course survey response. Natural key: (course_id, person_id, submitted_at),
-- or the whole content when anonymous; response_id is a hash of that key.
create table if not exists survey_responses (
    response_id    varchar primary key,
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

-- Prior versions of canonical rows, kept so that an import can be undone exactly.
-- Grain: one row per (row version, batch that overwrote it). A row written by
-- batch B and later changed by batch L appears here with batch_id = B and
-- changed_by_batch = L; undoing L puts it back. Same columns as the tables.
create table if not exists schools_history as select *, null::integer as changed_by_batch from schools limit 0;
create table if not exists people_history as select *, null::integer as changed_by_batch from people limit 0;
create table if not exists courses_history as select *, null::integer as changed_by_batch from courses limit 0;
create table if not exists course_staff_history as
select *, null::integer as changed_by_batch from course_staff limit 0;
create table if not exists enrollments_history as select *, null::integer as changed_by_batch from enrollments limit 0;
create table if not exists survey_responses_history as
select *, null::integer as changed_by_batch from survey_responses limit 0;

-- Grain: at most one row: the data stamp the metric marts (mart_*) were last built from.
-- analytics.metrics.marts rebuilds them when the data's stamp no longer matches.
create table if not exists mart_state (
    stamp varchar not null
);
