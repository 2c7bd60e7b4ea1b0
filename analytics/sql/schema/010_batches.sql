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
