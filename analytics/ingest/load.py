"""Loading one located table (a CSV, or one XLSX sheet) as one batch.

The caller owns the transaction; everything here happens inside it, so a
failure anywhere leaves the warehouse as it was. Steps: record the batch, stage
the rows, normalise distinct values, check every row in SQL (first reason
wins), merge the loadable rows by natural key, store the rejected ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from analytics.identity import stage_identity
from analytics.ingest.locate import RawTable
from analytics.ingest.normalise import stage_values
from analytics.ingest.stage import drop_staging, json_keys, stage
from analytics.ingest.upsert import upsert
from analytics.warehouse import read_sql

REJECTS_SHOWN = 20  # first reasons carried in an ImportResult; all are in rejected_rows

# kind -> the SQL files that build the staged rows of each canonical table, in order
_STEPS: dict[str, tuple[tuple[str, str], ...]] = {
    "schools": (("schools", "ingest/schools_new.sql"),),
    "courses": (
        ("courses", "ingest/courses_new.sql"),
        ("course_staff", "ingest/course_staff_new.sql"),
        ("people", "ingest/people_from_staff.sql"),
    ),
    "enrollments": (
        ("enrollments", "ingest/enrollments_new.sql"),
        ("people", "ingest/people_from_enrollments.sql"),
    ),
    "surveys": (("survey_responses", "ingest/surveys_new.sql"),),
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


@dataclass
class ImportResult:
    """What happened to one file (one XLSX sheet)."""

    file: str
    kind: str
    rows_read: int
    loaded: int
    rejected: int
    skipped: bool
    batch_id: int | None
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    sheet: str | None = None
    rejects: list[dict] = field(default_factory=list)
    skipped_lines: int = 0  # footer and note lines under the data: rows_read = loaded + rejected + skipped_lines
    skipped_texts: list[dict] = field(default_factory=list)  # those lines: {line, text}
    warnings: int = 0  # loaded rows with a value left blank (an unreadable optional date)
    first_warnings: list[dict] = field(default_factory=list)
    mapping: dict[str, dict] = field(default_factory=dict)  # their header -> {to, evidence, confidence, source}
    ignored: list[str] = field(default_factory=list)
    term: str | None = None
    term_source: str | None = None  # "column", "--term", "catalog", "registration dates", ...
    term_evidence: str | None = None
    layout: str | None = None  # the saved layout the file was read with
    saved_layout: str | None = None  # the layout this load saved (a confirmed mapping)
    decisions: list[str] = field(default_factory=list)  # what had to be (or must be) confirmed

    def to_dict(self) -> dict:
        """Plain JSON-ready dict (what `ingest --json` prints per file)."""
        return {
            "file": self.file,
            "sheet": self.sheet,
            "kind": self.kind,
            "rows_read": self.rows_read,
            "loaded": self.loaded,
            "rejected": self.rejected,
            "skipped": self.skipped,
            "batch_id": self.batch_id,
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejects": list(self.rejects),
            "skipped_lines": self.skipped_lines,
            "skipped_texts": list(self.skipped_texts),
            "warnings": self.warnings,
            "first_warnings": list(self.first_warnings),
            "mapping": dict(self.mapping),
            "ignored": list(self.ignored),
            "term": self.term,
            "term_source": self.term_source,
            "term_evidence": self.term_evidence,
            "layout": self.layout,
            "saved_layout": self.saved_layout,
            "decisions": list(self.decisions),
        }


def present_columns(table: RawTable) -> set[str]:
    """Table columns this file sets: those of its mapped columns, plus what every load sets."""
    mapped = set(table.header_map.values())
    present = set(_ALWAYS) | {c for c in mapped if c not in _SETS}
    for column in mapped:
        present.update(_SETS.get(column, ()))
    if table.kind == "enrollments" and "school" not in mapped:
        present.discard("school")
    if table.kind == "enrollments" and "sector" not in mapped:
        present.discard("sector")
    if table.kind == "courses" and not mapped & {"leader_school"}:
        present.discard("school")
    if table.kind == "courses" and not mapped & {"leader_sector", "mentor_sector"}:
        present.discard("sector")
    return present


def _run(con: duckdb.DuckDBPyConnection, relative: str) -> None:
    con.execute(read_sql(relative))


def load_table(
    con: duckdb.DuckDBPyConnection,
    table: RawTable,
    *,
    sectors: dict[str, str] | None,
    categories: dict[str, str] | None,
    overrides: dict[str, str],
    keep_staging: bool = False,
    statuses: dict[str, str] | None = None,
) -> ImportResult:
    """Load one table inside the caller's transaction; returns its result (batch recorded).

    The staging tables of the file are dropped as soon as they are used, unless
    ``keep_staging`` (a preview reads them afterwards).
    """
    batch_id = con.execute(
        "insert into import_batches (file_name, content_hash, kind, sheet, rows_read, loaded, rejected) "
        "values ($file, $hash, $kind, $sheet, 0, 0, 0) returning batch_id",
        {"file": table.file, "hash": table.content_hash, "kind": table.kind, "sheet": table.sheet},
    ).fetchone()[0]
    rows_staged = stage(con, table)
    skipped = table.extra.get("skipped", [])
    rows_read = rows_staged + len(skipped)
    _run(con, "ingest/datetime_macro.sql")
    stage_values(con, table.kind, sectors, categories, statuses)
    stage_identity(con, overrides)
    if table.kind in ("enrollments", "surveys"):
        _run(con, "ingest/course_lookup.sql")
    if table.kind == "enrollments":
        _run(con, "ingest/school_sectors.sql")
    _run(con, f"ingest/{table.kind}_checked.sql")
    if table.kind == "enrollments":
        _run(con, "ingest/enrollments_repeated.sql")
    _store_rejects(con, table, batch_id)
    loaded, rejected = con.execute(
        "select count(*) filter (where reject is null), count(*) filter (where reject is not null) from ing_rows"
    ).fetchone()
    if loaded + rejected != rows_staged:  # a bug, not a user error: never report a partial load as done
        raise RuntimeError(f"{table.label}: {loaded} loaded + {rejected} rejected != {rows_staged} rows staged")
    warned, warnings = _store_warnings(con, table, batch_id)
    first = con.execute(
        "select line_no, reject.col, reject.why from ing_rows where reject is not null order by line_no limit $n",
        {"n": REJECTS_SHOWN},
    ).fetchall()
    if not keep_staging:
        drop_staging(con, ("ing_src", "ing_raw", "ing_csv"))  # the file as read: big, and no longer needed
    present = present_columns(table)
    counts = (0, 0, 0)
    for target, relative in _STEPS[table.kind]:
        _run(con, relative)
        result = upsert(con, target, present, batch_id)
        if target == _MAIN_TABLE[table.kind]:
            counts = result
    if not keep_staging:
        drop_staging(con, ("ing_cmp", "ing_rows", *(f"ing_new_{target}" for target, _ in _STEPS[table.kind])))
    con.execute(
        "update import_batches set rows_read = $r, loaded = $l, rejected = $j, inserted = $i, updated = $u, "
        "unchanged = $c, skipped_lines = $s, warnings = $w where batch_id = $b",
        {
            "r": rows_read,
            "l": loaded,
            "j": rejected,
            "i": counts[0],
            "u": counts[1],
            "c": counts[2],
            "s": len(skipped),
            "w": warned,
            "b": batch_id,
        },
    )
    return ImportResult(
        file=table.file,
        sheet=table.sheet,
        kind=table.kind,
        rows_read=rows_read,
        loaded=loaded,
        rejected=rejected,
        skipped=False,
        batch_id=batch_id,
        inserted=counts[0],
        updated=counts[1],
        unchanged=counts[2],
        rejects=[{"line": line, "column": col, "reason": why} for line, col, why in first],
        skipped_lines=len(skipped),
        skipped_texts=[{"line": line, "text": text} for line, text in skipped],
        warnings=warned,
        first_warnings=warnings,
    )


def _store_warnings(con: duckdb.DuckDBPyConnection, table: RawTable, batch_id: int) -> tuple[int, list[dict]]:
    """Record the loaded rows' blanked values; returns how many, and the first as {line, column, warning}."""
    if table.kind == "schools":
        return 0, []
    con.execute(
        "insert into import_warnings (batch_id, file_name, line_no, column_name, warning) "
        "select $batch, $file, line_no, warning.col, warning.why from ing_rows "
        "where warning is not null and reject is null",
        {"batch": batch_id, "file": table.label},
    )
    count = con.execute("select count(*) from import_warnings where batch_id = $b", {"b": batch_id}).fetchone()[0]
    rows = con.execute(
        "select line_no, column_name, warning from import_warnings where batch_id = $b order by line_no limit $n",
        {"b": batch_id, "n": REJECTS_SHOWN},
    ).fetchall()
    return count, [{"line": line, "column": col, "warning": why} for line, col, why in rows]


def _store_rejects(con: duckdb.DuckDBPyConnection, table: RawTable, batch_id: int) -> None:
    keys = json_keys(table.headers)
    pairs = ", ".join(f"$k{i}, raw.c{i}" for i in range(len(keys)))
    params = {f"k{i}": key for i, key in enumerate(keys)}
    params.update({"batch": batch_id, "file": table.label})
    # only positional column names c<N> are built here; header names are bound parameters
    con.execute(
        "insert into rejected_rows (batch_id, file_name, line_no, column_name, reason, raw_row) "  # noqa: S608
        f"select $batch, $file, r.line_no, r.reject.col, r.reject.why, json_object({pairs})::varchar "
        "from ing_rows as r join ing_raw as raw on raw.line_no = r.line_no where r.reject is not null",
        params,
    )
