"""Merging a command's staged rows into a canonical table by natural key, once per table, keeping what undo needs.

The staged rows (temp view ``ing_new_<table>``) come from every file of one kind
in the command, each tagged with its batch. Per file, the rule is the one of
docs/DATA.md: a row whose key is new is inserted; a row whose key exists
overwrites only the columns its file holds (``present``); when that changes
anything, the previous version is first copied to ``<table>_history`` with the
batch that changed it; rows equal to what is stored are left alone (counted as
unchanged). Nothing is ever deleted by an import.

Merging all files at once must give exactly what merging them one after the
other (in batch order) would: the same rows, the same history, the same
batch owning each row, so that undo of any one batch stays exact. Keys named
by one file of the command (nearly all) take the direct path: one join with
the stored rows. Keys named by several files that are new and hold the same
values in every file are inserted once by one aggregation (``repeats.py``). The
other keys named by several files (a person renamed between years'
registrations, or already stored) take the chain path (``_chained``): their versions
are ordered by batch and each one's effect on the running state is computed
with window functions, as the sequential merges would have found it.

Table and column names come only from ``TABLES`` below, never from a file.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from analytics.ingest.headers import ENROLLMENT_DETAILS, SURVEY_ANSWERS
from analytics.ingest.repeats import merge_repeats


@dataclass(frozen=True)
class Target:
    keys: tuple[str, ...]
    columns: tuple[str, ...]  # non-key columns a file may set
    keep_if_null: tuple[str, ...] = ()  # a blank never erases these (a person's name)
    bookkeeping: tuple[str, ...] = ("batch_id",)  # follow an update, never make one
    # ing_new_<table> is a plain projection of ing_rows: read it in place rather than copy it
    # (every temporary table lives until the command's transaction ends)
    projected: bool = False
    # a column every key determines (the term: a course's id holds it): keys of files that share
    # no value of it cannot meet, and no key is then looked for in several files
    determined: str | None = None


TABLES: dict[str, Target] = {
    "schools": Target(("school_key",), ("school", "sector", "neighborhood", "grades")),
    "people": Target(("person_id",), ("full_name", "name_key"), keep_if_null=("full_name", "name_key")),
    "courses": Target(
        ("course_id",),
        ("term", "term_order", "course_code", "course_title", "category", "start_date", "sessions", "capacity"),
    ),
    "course_staff": Target(("course_id", "role", "person_id"), ("name", "school", "sector")),
    "enrollments": Target(
        ("course_id", "person_id"),
        ("term", "term_order", "email", "full_name", *ENROLLMENT_DETAILS),
        bookkeeping=("batch_id", "source_line"),
        projected=True,
        determined="term_order",
    ),
    "survey_responses": Target(
        ("response_id",),
        (
            "course_id",
            "term",
            "term_order",
            "person_id",
            *SURVEY_ANSWERS,
        ),
        bookkeeping=("batch_id", "source_line"),
        projected=True,
        determined="term_order",  # the response key holds its course, so its term
    ),
}


def merge(con: duckdb.DuckDBPyConnection, table: str, present: dict[int, set[str]]) -> dict[int, tuple[int, int, int]]:
    """Merge ing_new_<table> into <table>; per batch (inserted, updated, unchanged).

    ``present``: batch id -> the table columns that batch's file holds (what it may overwrite).
    """
    target = TABLES[table]
    _presence(con, target, present)
    keys = ", ".join(target.keys)
    # identifiers below come from TABLES; values are bound parameters or come from the staged rows
    copy = "view" if target.projected else "table"
    con.execute(f"create or replace temp {copy} ing_staged as select * from ing_new_{table}")  # noqa: S608
    apart = target.determined and not _shared_by_files(con, target.determined)
    con.execute(
        f"create or replace temp table ing_chain as select {keys} from ing_staged "  # noqa: S608
        f"{'where false ' if apart else ''}group by {keys} having count(*) > 1"
    )
    (chained,) = con.execute("select count(*) from ing_chain").fetchone()
    counts: dict[int, list[int]] = {}
    for step in (_direct, merge_repeats, _chained) if chained else (_direct,):
        if step is _chained and not con.execute("select count(*) from ing_chain").fetchone()[0]:
            continue  # every key named by several files was new and named alike (merge_repeats)
        for batch, inserted, updated, unchanged in step(con, table, target):
            total = counts.setdefault(batch, [0, 0, 0])
            total[0], total[1], total[2] = total[0] + inserted, total[1] + updated, total[2] + unchanged
    from analytics.ingest.stage import drop_staging  # (stage imports read; kept local to avoid a cycle)

    drop_staging(con, ("ing_staged", "ing_chain", "ing_cmp", "ing_present"))
    return {batch: (c[0], c[1], c[2]) for batch, c in counts.items()}


def _shared_by_files(con: duckdb.DuckDBPyConnection, column: str) -> bool:
    """Whether any value of ``column`` (a name from TABLES) is staged by more than one file."""
    (shared,) = con.execute(
        f"select count(*) from (select {column} from ing_staged group by {column} "  # noqa: S608
        "having count(distinct batch_id) > 1)"
    ).fetchone()
    return bool(shared)


def _presence(con: duckdb.DuckDBPyConnection, target: Target, present: dict[int, set[str]]) -> None:
    """Temp table ing_present(batch_id, p_<column>...): which columns each batch's file holds."""
    import pyarrow as pa

    batches = sorted(present)
    data = {"batch_id": pa.array(batches, pa.int32())}
    for c in target.columns:
        data[f"p_{c}"] = pa.array([c in present[b] for b in batches], pa.bool_())
    con.register("ing_present_arrow", pa.table(data))
    try:
        con.execute("create or replace temp table ing_present as select * from ing_present_arrow")
    finally:
        con.unregister("ing_present_arrow")


SMALL_MERGE = 50_000  # staged rows up to which they are compared at once, without asking whether any is stored


def _all_new(con: duckdb.DuckDBPyConnection, table: str, direct: str, using: str) -> bool:
    """Whether no staged key is stored yet, so the rows can go in as staged, with no comparison copy.

    Asking costs a scan of the stored table. An empty table answers at once; a small
    command (the weekly import) does not ask, and takes the comparison path, which
    inserts new keys too and whose copy is as small as the command.
    """
    (stored_rows,) = con.execute(f"select count(*) from {table}").fetchone()  # noqa: S608
    if not stored_rows:
        return True
    (staged,) = con.execute(f"select count(*) from {direct}").fetchone()  # noqa: S608
    if staged <= SMALL_MERGE:
        return False
    (stored,) = con.execute(
        f"select count(*) from {direct} as n semi join {table} as t using ({using})"  # noqa: S608
    ).fetchone()
    return not stored


def _direct(con: duckdb.DuckDBPyConnection, table: str, target: Target) -> list[tuple]:
    """Keys one file of the command names: one join with what is stored."""
    on = " and ".join(f"t.{k} = n.{k}" for k in target.keys)
    using = ", ".join(target.keys)
    differs = [
        f"(n.p_{c} and n.{c} is not null and n.{c} is distinct from t.{c})"
        if c in target.keep_if_null
        else f"(n.p_{c} and n.{c} is distinct from t.{c})"
        for c in target.columns
    ]
    changed = " or ".join(differs) if differs else "false"
    all_cols = ", ".join(target.keys + target.columns + target.bookkeeping)
    direct = f"(select s.* from ing_staged as s anti join ing_chain as c using ({using}))"  # noqa: S608
    if _all_new(con, table, direct, using):  # (a first import): inserted as staged, with no copy compared first
        counts = con.execute(f"select batch_id, count(*), 0, 0 from {direct} group by batch_id").fetchall()  # noqa: S608
        if counts:
            con.execute(f"insert into {table} ({all_cols}) select {all_cols} from {direct}")  # noqa: S608
        return counts
    con.execute(
        f"create or replace temp table ing_cmp as select n.*, "  # noqa: S608
        f"t.{target.keys[0]} is not null as existed, (t.{target.keys[0]} is not null and ({changed})) as changed "
        f"from (select s.*, p.* exclude (batch_id) from ing_staged as s join ing_present as p using (batch_id) "
        f"anti join ing_chain as c using ({using})) as n left join {table} as t on {on}"
    )
    counts = con.execute(
        "select batch_id, count(*) filter (where not existed), count(*) filter (where changed), "
        "count(*) filter (where existed and not changed) from ing_cmp group by batch_id"
    ).fetchall()
    if any(updated for _, _, updated, _ in counts):
        con.execute(
            f"insert into {table}_history by name select t.*, n.batch_id as changed_by_batch "  # noqa: S608
            f"from {table} as t join ing_cmp as n on {on} where n.changed"
        )
        sets = [
            f"{c} = case when n.p_{c} then coalesce(n.{c}, t.{c}) else t.{c} end"
            if c in target.keep_if_null
            else f"{c} = case when n.p_{c} then n.{c} else t.{c} end"
            for c in target.columns
        ]
        sets += [f"{c} = n.{c}" for c in target.bookkeeping]
        con.execute(
            f"update {table} as t set {', '.join(sets)} from ing_cmp as n where {on} and n.changed"  # noqa: S608
        )
    if any(inserted for _, inserted, _, _ in counts):
        con.execute(
            f"insert into {table} ({all_cols}) select {all_cols} from ing_cmp where not existed"  # noqa: S608
        )
    return counts


def _chained(con: duckdb.DuckDBPyConnection, table: str, target: Target) -> list[tuple]:
    """Keys several files of the command name: each version applied, in batch order, to the state before it."""
    keys = ", ".join(target.keys)
    on = " and ".join(f"t.{k} = n.{k}" for k in target.keys)
    cols, books = target.columns, target.bookkeeping
    window = f"(partition by {keys} order by seq)"
    running = f"(partition by {keys} order by seq rows between unbounded preceding and current row)"
    stored_p = ", ".join(f"true as p_{c}" for c in cols)
    # A version sets a column when its file holds it (and, for a name, it is not blank); the stored
    # row and a new key's first version (an insert) set every column. {'v': x} keeps a NULL that is set.
    sets = [
        f"case when base or (p_{c} and {c} is not null) then {{'v': {c}}} end as s_{c}"
        if c in target.keep_if_null
        else f"case when base or p_{c} then {{'v': {c}}} end as s_{c}"
        for c in cols
    ]
    effective = [f"(last_value(s_{c} ignore nulls) over {running}).v as e_{c}" for c in cols]
    differs = " or ".join(f"e_{c} is distinct from lag(e_{c}) over {window}" for c in cols) or "false"
    owner = ", ".join(f"'{c}': {c}" for c in books)
    con.execute(
        f"""create or replace temp table ing_cmp as
        with versions as (
            select t.*, 0 as seq, true as stored, {stored_p} from {table} as t semi join ing_chain using ({keys})
            union all by name
            select s.*, s.batch_id as seq, false as stored, p.* exclude (batch_id)
            from ing_staged as s join ing_present as p using (batch_id) semi join ing_chain using ({keys})
        ),
        based as (
            select *, stored or (row_number() over {window} = 1) as base,
                bool_or(stored) over (partition by {keys}) as had_stored,
                row_number() over {window} = count(*) over (partition by {keys}) as last
            from versions
        ),
        valued as (select *, {", ".join(sets)} from based),
        applied as (select *, {", ".join(effective)} from valued),
        judged as (
            select *, not stored and base as inserted, not base and ({differs}) as changed from applied
        ),
        owned as (
            select *, last_value(case when base or changed then {{{owner}}} end ignore nulls) over {running} as o
            from judged
        )
        select *, lag(o) over {window} as prev_o, {", ".join(f"lag(e_{c}) over {window} as prev_{c}" for c in cols)}
        from owned"""  # noqa: S608 - identifiers from TABLES only
    )
    counts = con.execute(
        "select batch_id, count(*) filter (where inserted), count(*) filter (where changed), "
        "count(*) filter (where not inserted and not changed) from ing_cmp where not stored group by batch_id"
    ).fetchall()
    history = ", ".join(
        [f"{k}" for k in target.keys] + [f"prev_{c} as {c}" for c in cols] + [f"prev_o.{c} as {c}" for c in books]
    )
    con.execute(
        f"insert into {table}_history by name select {history}, batch_id as changed_by_batch "  # noqa: S608
        "from ing_cmp where changed"
    )
    final = ", ".join(target.keys + tuple(f"e_{c} as {c}" for c in cols) + tuple(f"o.{c} as {c}" for c in books))
    con.execute(
        f"create or replace temp table ing_final as select {final}, had_stored, "  # noqa: S608
        f"bool_or(changed) over (partition by {keys}) as any_change from ing_cmp qualify last"
    )
    assign = ", ".join(f"{c} = n.{c}" for c in cols + books)
    con.execute(
        f"update {table} as t set {assign} from ing_final as n where {on} and n.had_stored and n.any_change"  # noqa: S608
    )
    all_cols = ", ".join(target.keys + cols + books)
    con.execute(
        f"insert into {table} ({all_cols}) select {all_cols} from ing_final where not had_stored"  # noqa: S608
    )
    con.execute("drop table ing_final")
    return counts
