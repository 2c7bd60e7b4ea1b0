"""Importing the collaborative's exports into the warehouse (the contract is docs/DATA.md).

Public API:
    ingest_files(con, paths, ...) -> list[ImportResult]   load files in one transaction, one batch per file (sheet)
    preview_file(con, path, ...) -> Preview               what a load would do, writing nothing
    list_batches(con), undo_batch(con, id), rejected_rows(con, id=None), possible_duplicates(con, limit=None),
    possible_duplicate_count(con)
    list_layouts(con), remove_layout(con, name_or_id)     saved layouts

One command is one transaction (``run.Command``): every file is read first (an
unreadable one stops everything), then each table's columns are placed (a
mapping file, a saved layout, a synonym, a proposal: ``propose.py``), and the
tables load in docs/DATA.md's order (schools, courses, enrollments, surveys). If any
file cannot be placed, or needs a decision nobody confirmed, nothing at all is
written. A file whose exact content is already loaded (same sha256, batch not
undone) is skipped and not recorded again: its result has skipped=True and the
batch_id of the load that holds it.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from analytics.errors import ImportFileError
from analytics.identity import load_overrides, possible_duplicate_count, possible_duplicates
from analytics.ingest.budget import memory_budget
from analytics.ingest.headers import LOAD_ORDER
from analytics.ingest.layouts import list_layouts, remove_layout
from analytics.ingest.load import load_kind
from analytics.ingest.locate import RawTable
from analytics.ingest.mapping import Mapping, load_mapping
from analytics.ingest.plan import Plan, samples
from analytics.ingest.read import read_tables
from analytics.ingest.result import ImportResult
from analytics.ingest.run import Command
from analytics.ingest.stage import json_keys
from analytics.ingest.undo import list_batches, rejected_rows, undo_batch
from analytics.metrics import marts
from analytics.warehouse import insertion_order

__all__ = [
    "ImportResult",
    "Mapping",
    "Preview",
    "ingest_files",
    "list_batches",
    "list_layouts",
    "remove_layout",
    "possible_duplicate_count",
    "possible_duplicates",
    "preview_file",
    "rejected_rows",
    "undo_batch",
]

PathLike = str | os.PathLike


@dataclass
class Preview:
    """What importing one file would do, computed inside a transaction that is rolled back."""

    file: str
    kind: str
    sheet: str | None
    header_map: dict[str, str]  # their header -> canonical name
    unmapped: list[str]  # headers that will not be imported
    rows: pd.DataFrame  # first rows as read, under their own headers
    rows_read: int
    loaded: int
    rejected: int
    rejects: pd.DataFrame  # line, column, reason of every rejected row
    already_loaded: bool = False
    sheets: list[str] = field(default_factory=list)  # every importable sheet of a workbook
    plan: Plan | None = None  # every column's choice, the term, what needs confirming
    headers: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)  # header keys a confirmed mapping is given by
    samples: dict[int, list[str]] = field(default_factory=dict)  # up to five values per column
    result: ImportResult | None = None  # the whole would-be result (skipped lines, warnings, term)

    @property
    def needs_decision(self) -> bool:
        return bool(self.plan and self.plan.decisions) and not self.already_loaded


READERS = 2  # files read at once (_read_all)


def _read_all(paths, kind, mapping: Mapping, display_names) -> list[RawTable]:
    """Every file's tables, read two at a time.

    Hashing a file's bytes and reading them from disk let other threads run, so a second reader
    overlaps them with the first's Python work (0.77 -> 0.57 s for the 19 files of 1,000,000
    enrollments). Results come back in the order given; the first file that cannot be read raises
    its error, as when the files were read in turn. Two files' bytes at most are held at once.
    """

    def read(path) -> list[RawTable]:
        display = (display_names or {}).get(path) or (display_names or {}).get(str(path))
        return read_tables(path, display=display, kind=kind, overrides=mapping.columns)

    with ThreadPoolExecutor(max_workers=READERS, thread_name_prefix="import-read") as pool:
        futures = [pool.submit(read, path) for path in paths]
        try:
            tables = [table for future in futures for table in future.result()]
        except BaseException:
            for future in futures:  # the files not started yet are not read
                future.cancel()
            raise
    # stable sort: within a kind, files load in the order given (the final kind is decided when planned)
    return sorted(tables, key=lambda t: LOAD_ORDER.get(t.kind or "", 1.5))


def ingest_files(
    con: duckdb.DuckDBPyConnection,
    paths: list[PathLike],
    *,
    kind: str | None = None,
    mapping: PathLike | dict | Mapping | None = None,
    dry_run: bool = False,
    identity_file: PathLike | None = None,
    display_names: dict | None = None,
    accept_mapping: bool = False,
    term: str | None = None,
    confirmed: dict[str, dict] | None = None,
    memory_limit: str | None = None,
) -> list[ImportResult]:
    """Load export files into the warehouse, in one transaction; one ImportResult per file (per XLSX sheet).

    Raises ImportFileError (and writes nothing) for a file that cannot be read, is of no
    known kind, lacks a required column, or needs a decision: a proposed column or term,
    which ``accept_mapping`` takes (saving it as a layout) and ``confirmed`` (the Data
    page's choices, by file label: {header: canonical or None}) settles. With ``dry_run``
    the proposals are applied, reported and rolled back with everything else (batch_id None).
    DuckDB's memory is limited to ``memory_limit`` (a size such as ``'6GB'``) or else to the
    command's budget (``budget.py``) while it runs.
    """
    chosen = load_mapping(mapping)
    overrides = load_overrides(identity_file)
    tables = _read_all(list(paths), kind, chosen, display_names)
    command = Command(con, chosen, overrides, kind=kind, term=term, accept=accept_mapping, confirmed=confirmed)
    with memory_budget(con, list(paths), memory_limit), insertion_order(con, preserve=False):
        return _in_one_transaction(con, command, tables, dry_run)


def _in_one_transaction(con: duckdb.DuckDBPyConnection, command: Command, tables, dry_run: bool) -> list[ImportResult]:
    con.begin()
    try:
        fresh, strands = marts.fresh_in(con), marts.strands(con)
        results = command.run(tables, dry_run=dry_run)
        loaded = [r.batch_id for r in results if not r.skipped]
        if loaded and not dry_run:  # the marts are part of the same transaction: fresh when it commits
            # a new strand renumbers every person-term row's strand bits: then they are built whole
            marts.update_in(con, loaded, incremental=fresh and marts.strands(con) == strands)
    except BaseException:
        con.rollback()
        raise
    if dry_run:
        con.rollback()
        for result in results:
            if not result.skipped:
                result.batch_id = None
    else:
        con.commit()
    return results


def preview_file(
    con: duckdb.DuckDBPyConnection,
    path: PathLike,
    *,
    kind: str | None = None,
    mapping: PathLike | dict | Mapping | None = None,
    rows: int = 20,
    identity_file: PathLike | None = None,
    display_name: str | None = None,
    term: str | None = None,
    confirmed: dict | None = None,
) -> Preview:
    """Kind, column plan, first rows and validation report of a file, without writing anything.

    For a workbook, the first importable sheet is previewed; ``sheets`` lists them all.
    ``confirmed`` ({header: canonical or None}) previews the file read that way.
    """
    chosen = load_mapping(mapping)
    tables = read_tables(path, display=display_name, kind=kind, overrides=chosen.columns)
    command = Command(con, chosen, load_overrides(identity_file), kind=kind, term=term)
    con.begin()
    try:
        command.refresh()
        planned = []
        for table in tables:
            if confirmed is not None:
                command.confirmed = {table.label: confirmed}
            try:
                planned.append((table, command.plan(table)))
            except ImportFileError:
                if not table.extra.get("optional") or (table is tables[-1] and not planned):
                    raise
        table, plan = planned[0]
        (result,) = command.load_all([(table, plan)], dry_run=True, keep_staging=True)
        already = result.skipped
        if already:  # staged tables are needed for the first rows and rejects
            (result,) = load_kind(
                con,
                plan.kind,
                [command.item(table, plan)],
                sectors=chosen.sectors,
                categories=chosen.categories,
                overrides=command.overrides,
                keep_staging=True,
            )
        first = con.execute("select * exclude (line_no) from ing_raw_0 order by line_no limit $n", {"n": rows}).df()
        rejects = con.execute(
            "select line_no as line, reject.col as column, reject.why as reason from ing_rows "
            "where reject is not null order by line_no"
        ).df()
    finally:
        con.rollback()
    headers = list(table.headers) + [""] * (len(first.columns) - len(table.headers))
    first.columns = [h or f"column_{i + 1}" for i, h in enumerate(headers[: len(first.columns)])]
    sample = table.extra.get("sample") or []
    return Preview(
        file=table.file,
        kind=plan.kind,
        sheet=table.sheet,
        header_map={table.headers[pos]: c for pos, c in plan.header_map.items()},
        unmapped=[h for pos, h in enumerate(table.headers) if pos not in plan.header_map and h.strip()],
        rows=first,
        rows_read=result.rows_read,
        loaded=result.loaded,
        rejected=result.rejected,
        rejects=rejects,
        already_loaded=already,
        sheets=[t.sheet for t, _ in planned if t.sheet],
        plan=plan,
        headers=list(table.headers),
        keys=json_keys(table.extra.get("raw_headers", table.headers)),
        samples={pos: samples(sample, pos) for pos in range(len(table.headers))},
        result=result,
    )
