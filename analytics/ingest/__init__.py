"""Importing the collaborative's exports into the warehouse (the contract is docs/DATA.md).

Public API:
    ingest_files(con, paths, ...) -> list[ImportResult]   load files, one batch per file (XLSX sheet)
    preview_file(con, path, ...) -> Preview               what a load would do, writing nothing
    list_batches(con), undo_batch(con, id), rejected_rows(con, id=None), possible_duplicates(con)

How a command treats several files: every file is read and checked first
(readable, of a known kind, required columns present); if any is not, an
ImportFileError names it and nothing at all is written. Then the files load
in the order of docs/DATA.md#load-order (schools, courses, enrollments, surveys), each in its own
transaction. A file whose exact content is already loaded (same sha256, batch
not undone) is skipped and not recorded again: its result has skipped=True and
the batch_id of the load that holds it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from analytics.errors import ImportFileError
from analytics.identity import load_overrides, possible_duplicates
from analytics.ingest.headers import LOAD_ORDER
from analytics.ingest.load import ImportResult, load_table
from analytics.ingest.locate import RawTable
from analytics.ingest.mapping import Mapping, load_mapping
from analytics.ingest.read import read_tables
from analytics.ingest.undo import list_batches, rejected_rows, undo_batch

__all__ = [
    "ImportResult",
    "Mapping",
    "Preview",
    "ingest_files",
    "list_batches",
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


def _read_all(paths, kind, mapping: Mapping, display_names) -> list[RawTable]:
    tables: list[RawTable] = []
    for path in paths:
        display = (display_names or {}).get(path) or (display_names or {}).get(str(path))
        tables += read_tables(path, display=display, kind=kind, overrides=mapping.columns)
    # stable sort: within a kind, files load in the order given
    return sorted(tables, key=lambda t: LOAD_ORDER[t.kind])


def _already_loaded(con: duckdb.DuckDBPyConnection, table: RawTable) -> ImportResult | None:
    row = con.execute(
        "select batch_id, rows_read, loaded, rejected from import_batches "
        "where content_hash = $h and kind = $k and undone_at is null order by batch_id desc limit 1",
        {"h": table.content_hash, "k": table.kind},
    ).fetchone()
    if row is None:
        return None
    batch_id, rows_read, loaded, rejected = row
    return ImportResult(
        file=table.file,
        sheet=table.sheet,
        kind=table.kind,
        rows_read=rows_read,
        loaded=loaded,
        rejected=rejected,
        skipped=True,
        batch_id=batch_id,
        unchanged=loaded,
    )


def ingest_files(
    con: duckdb.DuckDBPyConnection,
    paths: list[PathLike],
    *,
    kind: str | None = None,
    mapping: PathLike | dict | Mapping | None = None,
    dry_run: bool = False,
    identity_file: PathLike | None = None,
    display_names: dict | None = None,
) -> list[ImportResult]:
    """Load export files into the warehouse; one ImportResult per file (per XLSX sheet).

    Raises ImportFileError (before writing anything) for a file that cannot be
    read, is of no known kind, or lacks a required column. With ``dry_run`` all
    files are loaded in one transaction that is then rolled back: the results
    are what a real load would report, with batch_id None.
    """
    chosen = load_mapping(mapping)
    overrides = load_overrides(identity_file)
    tables = _read_all(list(paths), kind, chosen, display_names)
    results: list[ImportResult] = []
    if dry_run:
        con.begin()
    try:
        for table in tables:
            previous = _already_loaded(con, table)
            if previous is not None:
                results.append(previous)
                continue
            results.append(_load_one(con, table, chosen, overrides, own_transaction=not dry_run))
    finally:
        if dry_run:
            con.rollback()
            for result in results:
                if not result.skipped:
                    result.batch_id = None
    return results


def _load_one(con, table: RawTable, chosen: Mapping, overrides: dict, *, own_transaction: bool) -> ImportResult:
    if own_transaction:
        con.begin()
    try:
        result = load_table(con, table, sectors=chosen.sectors, categories=chosen.categories, overrides=overrides)
    except duckdb.Error as exc:
        if own_transaction:
            con.rollback()
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ImportFileError(table.label, f"could not be loaded, nothing of it was written ({first})") from exc
    except BaseException:
        if own_transaction:
            con.rollback()
        raise
    if own_transaction:
        con.commit()
    return result


def preview_file(
    con: duckdb.DuckDBPyConnection,
    path: PathLike,
    *,
    kind: str | None = None,
    mapping: PathLike | dict | Mapping | None = None,
    rows: int = 20,
    identity_file: PathLike | None = None,
    display_name: str | None = None,
) -> Preview:
    """Kind, header mapping, first rows and validation report of a file, without writing anything.

    For a workbook, the first importable sheet is previewed; ``sheets`` lists them all.
    """
    chosen = load_mapping(mapping)
    tables = read_tables(path, display=display_name, kind=kind, overrides=chosen.columns)
    table = tables[0]
    header_map = {table.headers[pos]: canonical for pos, canonical in table.header_map.items()}
    unmapped = [h for pos, h in enumerate(table.headers) if pos not in table.header_map and h.strip()]
    already = _already_loaded(con, table) is not None
    con.begin()
    try:
        result = load_table(
            con,
            table,
            sectors=chosen.sectors,
            categories=chosen.categories,
            overrides=load_overrides(identity_file),
            keep_staging=True,
        )
        first = con.execute("select * exclude (line_no) from ing_raw order by line_no limit $n", {"n": rows}).df()
        rejects = con.execute(
            "select line_no as line, reject.col as column, reject.why as reason from ing_rows "
            "where reject is not null order by line_no"
        ).df()
    finally:
        con.rollback()
    first.columns = [h or f"column_{i + 1}" for i, h in enumerate(table.headers[: len(first.columns)])]
    return Preview(
        file=table.file,
        kind=table.kind,
        sheet=table.sheet,
        header_map=header_map,
        unmapped=unmapped,
        rows=first,
        rows_read=result.rows_read,
        loaded=result.loaded,
        rejected=result.rejected,
        rejects=rejects,
        already_loaded=already,
        sheets=[t.sheet for t in tables if t.sheet],
    )
