"""Staging: each table of a command into DuckDB as `ing_raw_<n>` (line_no, c0..cN), as read.

``stage_file`` writes one table's rows once (DuckDB's own scan of a large CSV,
else the rows read parsed in Python) and returns a ``Staged``: where the rows
are, how many, the footer lines under them, and the projection of its mapped
columns onto the kind's canonical names (a NULL column for every canonical
column the file lacks), tagged with its batch. The loader unions the
projections of every file of a kind into one `ing_src`, so the SQL of
``analytics/sql/ingest`` checks all of them in one pass. Only identifiers
built here from fixed lists (``c<N>``, canonical names, integers) reach SQL text.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from analytics.ingest.footers import FOOTER_SEARCH_ROWS, split_footer
from analytics.ingest.headers import KIND_COLUMNS
from analytics.ingest.locate import RawTable
from analytics.ingest.read import SCAN_MIN_BYTES, decoded_text, file_lines, parse_rows
from analytics.warehouse import insertion_order

# Below this size a CSV is parsed in Python (exact line numbers whatever its
# quoting); above it DuckDB scans the file, which is many times faster.
FAST_PATH_MIN_BYTES = SCAN_MIN_BYTES


@dataclass(frozen=True)
class Staged:
    """One table staged: its rows in ``raw`` (line_no, c0..cN) and its canonical projection ``source``."""

    raw: str  # temp table or view of the rows as read
    headers: list[str]  # the table's headers, padded to its widest row
    rows: int  # data rows staged (footer lines excluded)
    skipped: list[tuple[int, str]]  # footer and note lines under the data: (line, text)
    source: str  # select batch_id, line_no, <the kind's canonical columns> from raw


def stage_file(
    con: duckdb.DuckDBPyConnection,
    table: RawTable,
    *,
    kind: str,
    header_map: dict[int, str],
    term_label: str | None,
    n: int,
    batch_id: int,
) -> Staged:
    """Stage one table as ing_raw_<n>; ``term_label`` is the file's term when it has no term column."""
    raw, csv_table = f"ing_raw_{int(n)}", f"ing_csv_{int(n)}"
    drop_staging(con, (raw, csv_table))
    scanned = None
    is_csv = "encoding" in table.extra  # a workbook's sheet is never scanned as text
    if is_csv and table.extra.get("size", 0) >= FAST_PATH_MIN_BYTES and _may_scan_files(con):
        scanned = _stage_with_duckdb(con, table, header_map, raw, csv_table)
    if scanned is None:
        rows, skipped = parse_rows(table)
        headers = _stage_rows(con, rows, table.headers, raw)
        trimmed = False
    else:
        headers, skipped, trimmed = list(table.headers), scanned, True
    count = con.execute(f"select count(*) from {raw}").fetchone()[0]  # noqa: S608 - a name built above
    source = _source(kind, header_map, term_label, raw, trimmed, batch_id)
    return Staged(raw, headers, count, skipped, source)


def _may_scan_files(con: duckdb.DuckDBPyConnection) -> bool:
    # The dashboard's locked connection may not read files (warehouse.lock_down); a refused
    # scan would abort the command's transaction, so such a process parses every file in Python.
    return bool(con.execute("select current_setting('enable_external_access')").fetchall()[0][0])


def drop_staging(con: duckdb.DuckDBPyConnection, names: tuple[str, ...]) -> None:
    """Drop temporary staging objects (views first: they depend on the tables), if they exist."""
    found = dict(
        con.execute(
            "select view_name, 'view' from duckdb_views() where temporary and view_name in $names "
            "union all select table_name, 'table' from duckdb_tables() where temporary and table_name in $names",
            {"names": list(names)},
        ).fetchall()
    )
    for name in sorted(found, key=lambda n: found[n] != "view"):
        if name.startswith("ing_"):  # only our own staging names reach the SQL text
            con.execute(f"drop {found[name]} {name}")


def json_keys(headers: list[str]) -> list[str]:
    """Unique, non-blank header names for the raw-row JSON of rejected rows."""
    keys: list[str] = []
    for pos, header in enumerate(headers):
        key = header.strip() or f"column_{pos + 1}"
        while key in keys:
            key += "'"
        keys.append(key)
    return keys


def _columns(n: int) -> list[str]:
    return [f"c{i}" for i in range(n)]


def _nonblank(cols: list[str]) -> str:
    # DuckDB reads an empty field as NULL: a blank line of delimiters is all NULLs.
    return "coalesce(" + ", ".join(cols) + ") is not null"


def _stage_rows(con: duckdb.DuckDBPyConnection, rows: list, headers: list[str], raw: str) -> list[str]:
    """The parsed rows as the temp table ``raw``; returns the headers padded to the widest row."""
    width = max([len(headers)] + [len(cells) for _, cells in rows])
    data = {"line_no": pa.array([line for line, _ in rows], pa.int32())}
    for i in range(width):
        data[f"c{i}"] = pa.array([cells[i] if i < len(cells) else None for _, cells in rows], pa.string())
    con.register("ing_arrow", pa.table(data))
    try:
        con.execute(f"create temp table {raw} as select * from ing_arrow")  # noqa: S608 - a name built here
    finally:
        con.unregister("ing_arrow")
    return list(headers) + [""] * (width - len(headers))


def _stage_with_duckdb(con, table: RawTable, header_map: dict[int, str], raw: str, csv_table: str):
    """Scan the CSV with DuckDB; the footer lines found, or None (nothing staged) when rows and lines differ.

    Mapped columns are trimmed during the scan, so the big table is written once.
    """
    cols = _columns(len(table.headers))
    spec = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in cols) + "}"
    mapped = {f"c{pos}" for pos in header_map}
    select = ", ".join(f"nullif(trim({c}), '') as {c}" if c in mapped else c for c in cols)
    if table.extra.get("quoted_line_break"):
        return None  # DuckDB's parallel scan refuses it, and the refusal would abort the command
    path, temp = table.path, None
    if table.extra.get("encoding") != "utf-8":
        # DuckDB reads UTF-8 only: hand it the decoded text.
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".csv", delete=False, newline="") as handle:
            handle.write(decoded_text(table))
        path = temp = handle.name
    try:
        last_line = table.extra.get("lines")
        if last_line is None:  # (not measured when read: a UTF-16 file's text, re-encoded above)
            with open(path, "rb") as scanned:
                last_line, quoted = file_lines(scanned.read())
            if quoted:
                return None
        with insertion_order(con, preserve=True):  # the row ids are the lines: written in the file's order
            con.execute(
                f"create temp table {csv_table} as select {select} from read_csv($path, auto_detect = false, "  # noqa: S608
                "header = false, skip = $skip, delim = $delim, quote = '\"', escape = '\"', null_padding = true, "
                f"strict_mode = false, columns = {spec})",
                {"path": path, "skip": table.first_data_line - 1, "delim": table.delimiter},
            )
    except duckdb.Error:
        con.execute(f"drop table if exists {csv_table}")
        return None
    finally:
        if temp:
            os.unlink(temp)
    expected = max(last_line - table.first_data_line + 1, 0)
    count, low, high = con.execute(f"select count(*), min(rowid), max(rowid) from {csv_table}").fetchone()  # noqa: S608
    if count != expected or (count and high - low + 1 != count):
        # Quoted line breaks or blank lines inside the data: rows and lines differ.
        con.execute(f"drop table {csv_table}")
        return None
    # Row ids of a table created in an open transaction start at a large offset, in scan order.
    offset = int(table.first_data_line) - int(low or 0)
    tail = con.execute(
        f"select (rowid + {offset})::integer, {', '.join(cols)} from {csv_table} "  # noqa: S608
        f"order by rowid desc limit {FOOTER_SEARCH_ROWS}"
    ).fetchall()
    _, skipped = split_footer([(r[0], list(r[1:])) for r in reversed(tail)], len(cols))
    below = min((line for line, _ in skipped), default=None)
    # the offset and the footer's first line are integers computed here, not text from the file
    cutoff = f" and rowid + {offset} < {int(below)}" if below is not None else ""
    con.execute(
        f"create temp view {raw} as select (rowid + {offset})::integer as line_no, "  # noqa: S608
        f"{', '.join(cols)} from {csv_table} where {_nonblank(cols)}{cutoff}"
    )
    return skipped


def _source(kind: str, header_map: dict[int, str], term_label: str | None, raw: str, trimmed: bool, batch_id: int):
    by_name = {canonical: f"c{pos}" for pos, canonical in header_map.items()}

    def column(name: str) -> str:
        if name == "term" and name not in by_name and term_label is not None:
            # a canonical label built by vocab.Term ("Spring 2018"), never text from the file
            return "'" + term_label.replace("'", "''") + "'::varchar as term"
        if name not in by_name:
            return f"null::varchar as {name}"
        # a cell of spaces is blank (DuckDB's scan already trimmed the mapped columns)
        return f"{by_name[name]} as {name}" if trimmed else f"nullif(trim({by_name[name]}), '') as {name}"

    # Only c<N>, canonical names from KIND_COLUMNS and the batch number reach the SQL text.
    select = ", ".join([f"{int(batch_id)}::integer as batch_id", "line_no"] + [column(c) for c in KIND_COLUMNS[kind]])
    return f"select {select} from {raw}"  # noqa: S608
