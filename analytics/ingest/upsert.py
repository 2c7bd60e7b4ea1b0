"""Merging staged rows into a canonical table by natural key, keeping what undo needs.

A staged row whose key is new is inserted. A staged row whose key exists
overwrites only the columns the file holds (``present``); when that changes
anything, the previous version is first copied to ``<table>_history`` with the
batch that changed it. Rows equal to what is stored are left alone (counted as
unchanged). Nothing is ever deleted by an import.

Table and column names come only from ``TABLES`` below, never from a file.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb


@dataclass(frozen=True)
class Target:
    keys: tuple[str, ...]
    columns: tuple[str, ...]  # non-key columns a file may set
    keep_if_null: tuple[str, ...] = ()  # a blank never erases these (a person's name)
    bookkeeping: tuple[str, ...] = ("batch_id",)  # follow an update, never make one


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
        (
            "term",
            "term_order",
            "email",
            "full_name",
            "school",
            "sector",
            "status",
            "registered_at",
            "role",
            "grade_band",
            "subject",
            "referred_by",
        ),
        bookkeeping=("batch_id", "source_line"),
    ),
    "survey_responses": Target(
        ("response_id",),
        (
            "course_id",
            "term",
            "term_order",
            "person_id",
            "submitted_at",
            "rating",
            "recommend",
            "implement",
            "lead_interest",
            "comments",
        ),
        bookkeeping=("batch_id", "source_line"),
    ),
}


def upsert(con: duckdb.DuckDBPyConnection, table: str, present: set[str], batch_id: int) -> tuple[int, int, int]:
    """Merge the staged rows (temp view ing_new_<table>) into <table>; returns (inserted, updated, unchanged).

    The batch id is added here; a view cannot hold a parameter.
    """
    target = TABLES[table]
    staged = f"ing_new_{table}"
    cols = [c for c in target.columns if c in present]
    on = " and ".join(f"t.{k} = n.{k}" for k in target.keys)
    differs = [
        f"(n.{c} is not null and n.{c} is distinct from t.{c})"
        if c in target.keep_if_null
        else f"(n.{c} is distinct from t.{c})"
        for c in cols
    ]
    changed = " or ".join(differs) if differs else "false"
    # identifiers below come from TABLES; values are bound parameters
    con.execute(
        f"create or replace temp table ing_cmp as select n.*, $batch::integer as batch_id, "  # noqa: S608
        f"t.{target.keys[0]} is not null as existed, (t.{target.keys[0]} is not null and ({changed})) as changed "
        f"from {staged} as n left join {table} as t on {on}",
        {"batch": batch_id},
    )
    inserted, updated, unchanged = con.execute(
        "select count(*) filter (where not existed), count(*) filter (where changed), "
        "count(*) filter (where existed and not changed) from ing_cmp"
    ).fetchone()
    if updated:
        con.execute(
            f"insert into {table}_history by name select t.*, $batch::integer as changed_by_batch "  # noqa: S608
            f"from {table} as t semi join (select * from ing_cmp where changed) as n on {on}",
            {"batch": batch_id},
        )
        sets = [f"{c} = coalesce(n.{c}, t.{c})" if c in target.keep_if_null else f"{c} = n.{c}" for c in cols]
        sets += [f"{c} = n.{c}" for c in target.bookkeeping]
        con.execute(
            f"update {table} as t set {', '.join(sets)} from ing_cmp as n where {on} and n.changed"  # noqa: S608
        )
    if inserted:
        all_cols = ", ".join(target.keys + target.columns + target.bookkeeping)
        con.execute(
            f"insert into {table} ({all_cols}) select {all_cols} from ing_cmp where not existed"  # noqa: S608
        )
    return inserted, updated, unchanged
