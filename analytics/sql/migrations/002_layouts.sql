-- Saved import layouts, footer lines and value warnings of the importer (docs/DATA.md,
-- "Columns no synonym knows" and "Reading files").

-- Grain: one confirmed way of reading a tool's export, keyed by its header signature
-- (the headers in order, lower-cased, letters and digits only). columns is a JSON
-- object {"Their header": "canonical_name" or null for ignored}; statuses maps a
-- tool's own status words; term_from says where a file without a term column takes
-- its term ('catalog' or 'registration dates'), null when the file has a term column.
create sequence if not exists layout_id_seq start 1;

create table if not exists import_layouts (
    layout_id     integer primary key default nextval('layout_id_seq'),
    name          varchar not null unique,
    signature     varchar not null unique,
    kind          varchar not null,
    headers       varchar not null,      -- JSON list of the headers as written
    columns       varchar not null,      -- JSON object header -> canonical name or null
    statuses      varchar not null default '{}',
    term_from     varchar,
    created_at    timestamp not null default current_timestamp,
    last_used_at  timestamp,
    uses          integer not null default 0
);

-- Grain: one loaded row's value that was left blank (an optional date that cannot be read).
create table if not exists import_warnings (
    batch_id     integer not null,
    file_name    varchar not null,
    line_no      integer not null,
    column_name  varchar not null,
    warning      varchar not null
);

alter table import_batches add column if not exists skipped_lines integer default 0;
alter table import_batches add column if not exists warnings integer default 0;
alter table import_batches add column if not exists layout varchar;
alter table import_batches add column if not exists term_source varchar;
