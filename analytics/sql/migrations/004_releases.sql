-- Releases for funders (docs/decisions/070-disclosure-releases.md): immutable once written.
-- A release is its tables under every published view (withheld cells blank), and the model the
-- audit needs to check it again later: which atoms each count class sums, the published values,
-- and the link equations. True values of withheld cells are never stored.

create sequence release_ids start 1;

-- Grain: one release.
create table releases (
    release_id   integer primary key,
    created_at   timestamp not null,
    as_of        timestamp,            -- the data's as-of time when published
    k            integer not null,     -- counts 1 to k-1 are withheld
    p            integer not null,     -- every withheld count spans at least p values
    views        varchar not null,     -- JSON list of view ids
    tables       varchar not null,     -- JSON list of table names
    n_atoms      integer not null,
    cells        integer not null,     -- measure cells shown or withheld, over every view and table
    withheld     integer not null,
    narrowest    double,               -- narrowest interval of any withheld count (null: none withheld)
    audit        varchar not null      -- JSON: the publication audit, per table
);

-- Grain: one table under one view of a release: the frame as shown (Parquet), withheld mask (Parquet).
create table release_frames (
    release_id   integer not null,
    view_id      varchar not null,
    table_name   varchar not null,
    frame        blob not null,
    withheld     blob not null,
    primary key (release_id, view_id, table_name)
);

-- Grain: one count class (cells that are the same number) of a release.
create table release_classes (
    release_id   integer not null,
    class_no     integer not null,
    value        bigint,               -- null when withheld
    withheld     boolean not null,
    shown        boolean not null,     -- false: only the hidden input of a withheld mixing index
    present      boolean not null,     -- at least 1 (it marks a row that exists)
    primary key (release_id, class_no)
);

-- Grain: one atom summed by one class.
create table release_class_atoms (
    release_id   integer not null,
    class_no     integer not null,
    atom_no      integer not null
);

-- Grain: one atom in one link equation (sum of coef * atom = 0).
create table release_links (
    release_id   integer not null,
    link_no      integer not null,
    atom_no      integer not null,
    coef         double not null
);

-- Grain: one count cell shown in a release frame, with its class.
create table release_cells (
    release_id   integer not null,
    view_id      varchar not null,
    table_name   varchar not null,
    row_no       integer not null,
    column_name  varchar not null,
    class_no     integer not null
);
