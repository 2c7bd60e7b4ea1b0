"""Loading every file of one kind of a command at once, each file its own batch.

The caller owns the transaction; everything here happens inside it, so a
failure anywhere leaves the warehouse as it was. A straight pipeline, each
step once for the whole kind: record a batch per file, stage each file's rows
(``stage.py``), union them into one `ing_src`, normalise the distinct values
(``normalise.py``), check every row in SQL (first reason wins), store the
rejected rows and warnings with their file and line, then merge each
canonical table once (``upsert.merge``) and record every batch's counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb
import pyarrow as pa

from analytics.identity import stage_identity
from analytics.ingest.locate import RawTable
from analytics.ingest.normalise import stage_values
from analytics.ingest.result import ImportResult
from analytics.ingest.stage import Staged, drop_staging, json_keys, stage_file
from analytics.ingest.upsert import merge
from analytics.warehouse import read_sql

__all__ = ["ImportResult", "LoadItem", "load_kind", "present_columns"]

REJECTS_SHOWN = 20  # first reasons carried in an ImportResult; all are in rejected_rows

# kind -> the SQL files that build the staged rows of each canonical table, in order
_STEPS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "schools": (("schools", ("ingest/schools_new.sql",)),),
    "courses": (
        ("courses", ("ingest/courses_new.sql",)),
        ("course_staff", ("ingest/course_staff_new.sql",)),
        ("people", ("ingest/people_from_staff.sql", "ingest/people_new.sql")),
    ),
    "enrollments": (
        ("enrollments", ("ingest/enrollments_new.sql",)),
        ("people", ("ingest/people_from_enrollments.sql", "ingest/people_new.sql")),
    ),
    "surveys": (("survey_responses", ("ingest/surveys_new.sql",)),),
}
_MAIN_TABLE = {"schools": "schools", "courses": "courses", "enrollments": "enrollments", "surveys": "survey_responses"}
# canonical file column -> table columns it sets on update (columns a file lacks keep their stored values)
_SETS = {
    "course_code": ("course_code",),
    "course_title": ("course_title",),
    "start_date": ("start_date",),
    "sessions": ("sessions",),
    "capacity": ("capacity",),
    "leader_name": ("name",),
    "mentor_name": ("name",),
    "leader_school": ("school",),
    "leader_sector": ("sector",),
    "mentor_sector": ("sector",),
    "first_name": ("full_name",),
    "last_name": ("full_name",),
    "full_name": ("full_name",),
}
_ALWAYS = {"term", "term_order", "category", "email", "course_id", "person_id", "school", "sector", "name_key"}


@dataclass(frozen=True)
class LoadItem:
    """One table of the command as planned: how its columns read, its term, its own status words."""

    table: RawTable
    header_map: dict[int, str]
    term_label: str | None = None  # the file's term when it has no term column
    statuses: dict[str, str] = field(default_factory=dict)


def present_columns(kind: str, header_map: dict[int, str]) -> set[str]:
    """Table columns a file sets: those of its mapped columns, plus what every load sets."""
    mapped = set(header_map.values())
    present = set(_ALWAYS) | {c for c in mapped if c not in _SETS}
    for column in mapped:
        present.update(_SETS.get(column, ()))
    if kind == "enrollments" and "school" not in mapped:
        present.discard("school")
    if kind == "enrollments" and "sector" not in mapped:
        present.discard("sector")
    if kind == "courses" and not mapped & {"leader_school"}:
        present.discard("school")
    if kind == "courses" and not mapped & {"leader_sector", "mentor_sector"}:
        present.discard("sector")
    return present


def _run(con: duckdb.DuckDBPyConnection, relative: str) -> None:
    con.execute(read_sql(relative))


def load_kind(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    items: list[LoadItem],
    *,
    sectors: dict[str, str] | None,
    categories: dict[str, str] | None,
    overrides: dict[str, str],
    keep_staging: bool = False,
) -> list[ImportResult]:
    """Load every table of one kind inside the caller's transaction; one result per table, in order.

    Staging objects are dropped as soon as they are used, unless ``keep_staging``
    (a preview reads ``ing_raw_0`` and ``ing_rows`` afterwards).
    """
    batches = [_record_batch(con, kind, item.table) for item in items]
    staged = [
        stage_file(
            con, item.table, kind=kind, header_map=item.header_map, term_label=item.term_label, n=n, batch_id=batch
        )
        for n, (item, batch) in enumerate(zip(items, batches, strict=True))
    ]
    con.execute("create or replace temp view ing_src as " + " union all ".join(s.source for s in staged))
    _register_batches(con, items, batches)
    _run(con, "ingest/datetime_macro.sql")
    _run(con, "ingest/shared_macros.sql")
    stage_values(con, kind, sectors, categories, {b: item.statuses for item, b in zip(items, batches, strict=True)})
    stage_identity(con, overrides)
    if kind != "schools":  # a schools list has no term
        _run(con, "ingest/rows_termed.sql")
    if kind in ("enrollments", "surveys"):
        _run(con, "ingest/course_lookup.sql")
        _run(con, "ingest/rows_matched.sql")
    if kind == "enrollments":
        _run(con, "ingest/school_sectors.sql")
    _run(con, f"ingest/{kind}_checked.sql")
    if kind == "enrollments":
        _run(con, "ingest/enrollments_repeated.sql")
    if kind == "surveys":
        _run(con, "ingest/surveys_numbered.sql")
    tallies = _tallies(con, staged, batches, items)
    for batch, stage in zip(batches, staged, strict=True):
        if tallies[batch][1]:
            _store_rejects(con, stage, batch)
    warned = _store_warnings(con, kind)
    firsts = _first_rejects(con)
    if not keep_staging:  # the files as read: big, and no longer needed
        drop_staging(
            con,
            (
                "ing_src",
                "ing_termed",
                "ing_matched",
                *(s.raw for s in staged),
                *(f"ing_csv_{n}" for n in range(len(staged))),
            ),
        )
    present = {b: present_columns(kind, item.header_map) for item, b in zip(items, batches, strict=True)}
    merged: dict[int, tuple[int, int, int]] = {}
    for target, files in _STEPS[kind]:
        for relative in files:
            _run(con, relative)
        counts = merge(con, target, present)
        if target == _MAIN_TABLE[kind]:
            merged = counts
    if not keep_staging:
        drop_staging(
            con, ("ing_rows", "ing_batches", "ing_named_people", *(f"ing_new_{target}" for target, _ in _STEPS[kind]))
        )
    results = []
    for item, batch, stage in zip(items, batches, staged, strict=True):
        loaded, rejected = tallies[batch]
        inserted, updated, unchanged = merged.get(batch, (0, 0, 0))
        count, first_warnings = warned.get(batch, (0, []))
        result = ImportResult(
            file=item.table.file,
            sheet=item.table.sheet,
            kind=kind,
            rows_read=stage.rows + len(stage.skipped),
            loaded=loaded,
            rejected=rejected,
            skipped=False,
            batch_id=batch,
            inserted=inserted,
            updated=updated,
            unchanged=unchanged,
            rejects=firsts.get(batch, []),
            skipped_lines=len(stage.skipped),
            skipped_texts=[{"line": line, "text": text} for line, text in stage.skipped],
            warnings=count,
            first_warnings=first_warnings,
        )
        _record_counts(con, result)
        results.append(result)
    return results


def _record_batch(con: duckdb.DuckDBPyConnection, kind: str, table: RawTable) -> int:
    return con.execute(
        "insert into import_batches (file_name, content_hash, kind, sheet, rows_read, loaded, rejected) "
        "values ($file, $hash, $kind, $sheet, 0, 0, 0) returning batch_id",
        {"file": table.file, "hash": table.content_hash, "kind": kind, "sheet": table.sheet},
    ).fetchone()[0]


def _record_counts(con: duckdb.DuckDBPyConnection, r: ImportResult) -> None:
    con.execute(
        "update import_batches set rows_read = $r, loaded = $l, rejected = $j, inserted = $i, updated = $u, "
        "unchanged = $c, skipped_lines = $s, warnings = $w where batch_id = $b",
        {
            "r": r.rows_read,
            "l": r.loaded,
            "j": r.rejected,
            "i": r.inserted,
            "u": r.updated,
            "c": r.unchanged,
            "s": r.skipped_lines,
            "w": r.warnings,
            "b": r.batch_id,
        },
    )


def _register_batches(con: duckdb.DuckDBPyConnection, items: list[LoadItem], batches: list[int]) -> None:
    """Temp table ing_batches(batch_id, file_name): the name each batch's rejects and warnings are stored under."""
    table = pa.table(
        {"batch_id": pa.array(batches, pa.int32()), "file_name": pa.array([i.table.label for i in items], pa.string())}
    )
    con.register("ing_batches_arrow", table)
    try:
        con.execute("create or replace temp table ing_batches as select * from ing_batches_arrow")
    finally:
        con.unregister("ing_batches_arrow")


def _tallies(con, staged: list[Staged], batches: list[int], items: list[LoadItem]) -> dict[int, tuple[int, int]]:
    """Per batch (loaded, rejected); every staged row is one or the other, or nothing is written."""
    found = {
        batch: (loaded, rejected)
        for batch, loaded, rejected in con.execute(
            "select batch_id, count(*) filter (where reject is null), count(*) filter (where reject is not null) "
            "from ing_rows group by batch_id"
        ).fetchall()
    }
    tallies = {}
    for item, batch, stage in zip(items, batches, staged, strict=True):
        loaded, rejected = found.get(batch, (0, 0))
        if loaded + rejected != stage.rows:  # a bug, not a user error: never report a partial load as done
            raise RuntimeError(f"{item.table.label}: {loaded} loaded + {rejected} rejected != {stage.rows} rows staged")
        tallies[batch] = (loaded, rejected)
    return tallies


def _first_rejects(con: duckdb.DuckDBPyConnection) -> dict[int, list[dict]]:
    rows = con.execute(
        "select batch_id, line_no, reject.col, reject.why from ing_rows where reject is not null "
        "qualify row_number() over (partition by batch_id order by line_no) <= $n order by batch_id, line_no",
        {"n": REJECTS_SHOWN},
    ).fetchall()
    found: dict[int, list[dict]] = {}
    for batch, line, col, why in rows:
        found.setdefault(batch, []).append({"line": line, "column": col, "reason": why})
    return found


def _store_warnings(con: duckdb.DuckDBPyConnection, kind: str) -> dict[int, tuple[int, list[dict]]]:
    """Record the loaded rows' blanked values; per batch, how many and the first as {line, column, warning}."""
    if kind == "schools":
        return {}
    con.execute(
        "insert into import_warnings (batch_id, file_name, line_no, column_name, warning) "
        "select r.batch_id, b.file_name, r.line_no, r.warning.col, r.warning.why from ing_rows as r "
        "join ing_batches as b using (batch_id) where r.warning is not null and r.reject is null"
    )
    rows = con.execute(
        "select w.batch_id, count(*) over (partition by w.batch_id), w.line_no, w.column_name, w.warning "
        "from import_warnings as w semi join ing_batches using (batch_id) "
        "qualify row_number() over (partition by w.batch_id order by w.line_no) <= $n order by w.batch_id, w.line_no",
        {"n": REJECTS_SHOWN},
    ).fetchall()
    found: dict[int, tuple[int, list[dict]]] = {}
    for batch, count, line, col, why in rows:
        found.setdefault(batch, (count, []))[1].append({"line": line, "column": col, "warning": why})
    return found


def _store_rejects(con: duckdb.DuckDBPyConnection, stage: Staged, batch_id: int) -> None:
    keys = json_keys(stage.headers)
    pairs = ", ".join(f"$k{i}, raw.c{i}" for i in range(len(keys)))
    params = {f"k{i}": key for i, key in enumerate(keys)}
    params["batch"] = batch_id
    # only positional column names c<N> and staging names are built here; header names are bound parameters
    con.execute(
        "insert into rejected_rows (batch_id, file_name, line_no, column_name, reason, raw_row) "  # noqa: S608
        f"select r.batch_id, b.file_name, r.line_no, r.reject.col, r.reject.why, json_object({pairs})::varchar "
        f"from ing_rows as r join ing_batches as b using (batch_id) join {stage.raw} as raw on raw.line_no = r.line_no "
        "where r.reject is not null and r.batch_id = $batch",
        params,
    )
