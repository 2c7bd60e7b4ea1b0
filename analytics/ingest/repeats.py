"""Keys several files of a command name with the same values: merged without the chain.

A person in every yearly registration export is staged once per file. Merged one
file after the other, the first file inserts the row and owns it, and every later
file finds it equal and leaves it alone (unchanged, no history). When the key is
not stored yet and every version of it holds the same values (blanks included),
that outcome needs no ordering: one aggregation gives the row to insert (the
first batch's bookkeeping) and each batch's counts. Only the other keys (stored
already, or named differently by different files) take the window-function chain
of ``upsert._chained``. Identifiers come from ``upsert.TABLES`` only.
"""

from __future__ import annotations

import duckdb


def merge_repeats(con: duckdb.DuckDBPyConnection, table: str, target) -> list[tuple]:
    """Insert the keys of ing_chain that are new and equal in every version; drop them from ing_chain.

    Returns per batch (batch_id, inserted, updated, unchanged) for those keys.
    """
    keys = ", ".join(target.keys)
    later = [b for b in target.bookkeeping if b != "batch_id"]
    # the first file's version is the one inserted: its batch owns the row, its line is the row's source
    firsts = "".join(f", arg_min(s.{b}, s.batch_id) as {b}" for b in later)
    con.execute(
        f"""create or replace temp table ing_repeats as
        with grouped as (
            select {", ".join(f"s.{k}" for k in target.keys)}, min(s.batch_id) as batch_id,
                {", ".join(f"any_value(s.{c}) as {c}" for c in target.columns)}{firsts}
            from ing_staged as s semi join ing_chain using ({keys})
            group by {", ".join(f"s.{k}" for k in target.keys)}
            having {" and ".join(_alike(c) for c in target.columns) or "true"}
        )
        select g.* from grouped as g anti join {table} as t using ({keys})"""  # noqa: S608
    )
    counts = con.execute(
        f"select s.batch_id, count(*) filter (where s.batch_id = r.batch_id), 0, "  # noqa: S608
        f"count(*) filter (where s.batch_id <> r.batch_id) "
        f"from ing_staged as s join ing_repeats as r using ({keys}) group by s.batch_id"
    ).fetchall()
    if counts:
        all_cols = ", ".join(target.keys + target.columns + target.bookkeeping)
        con.execute(f"insert into {table} ({all_cols}) select {all_cols} from ing_repeats")  # noqa: S608
        on = " and ".join(f"c.{k} = r.{k}" for k in target.keys)
        con.execute(f"delete from ing_chain as c using ing_repeats as r where {on}")  # noqa: S608
    con.execute("drop table ing_repeats")
    return counts


def _alike(column: str) -> str:
    """Every version of the key holds the same value of ``column``, a blank being a value too.

    (Blank in all, or given in all and its least equal to its greatest: a few aggregates,
    where counting the distinct rows of values kept a set per key.)
    """
    return f"(count(s.{column}) = 0 or (count(s.{column}) = count(*) and min(s.{column}) = max(s.{column})))"
