"""Staging: a located table's rows into DuckDB, as `ing_raw` (line_no, c0..cN) and `ing_src`.

`ing_src` renames the mapped columns to their canonical names and supplies a
NULL column for every canonical column the file lacks, so that the SQL of
``analytics/sql/ingest`` can be written once per kind. Only identifiers built
here from fixed lists (``c<N>`` and canonical names) reach SQL text.
"""

from __future__ import annotations

import os
import tempfile

import duckdb
import pyarrow as pa

from analytics.ingest.footers import FOOTER_SEARCH_ROWS, split_footer
from analytics.ingest.headers import KIND_COLUMNS
from analytics.ingest.locate import RawTable
from analytics.ingest.read import parse_rows, text_of

# Below this size a CSV is parsed in Python (exact line numbers whatever its
# quoting); above it DuckDB scans the file, which is many times faster.
FAST_PATH_MIN_BYTES = 4_000_000


def stage(con: duckdb.DuckDBPyConnection, table: RawTable) -> int:
    """Create ing_raw and ing_src for this table; returns the number of rows read."""
    drop_staging(con, ("ing_src", "ing_raw", "ing_csv"))
    staged = False
    if table.rows is None and table.extra.get("size", 0) >= FAST_PATH_MIN_BYTES and _may_scan_files(con):
        staged = _stage_with_duckdb(con, table)
    if not staged:
        if table.rows is None:
            table.rows = parse_rows(table)
        _stage_rows(con, table)
    _create_src(con, table)
    table.text = None  # loaded: the text is not needed any more
    return con.execute("select count(*) from ing_src").fetchone()[0]


def _may_scan_files(con: duckdb.DuckDBPyConnection) -> bool:
    # The dashboard's locked connection may not read files (warehouse.lock_down); a refused
    # scan would abort the file's transaction, so such a process parses every file in Python.
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


def _stage_rows(con: duckdb.DuckDBPyConnection, table: RawTable) -> None:
    rows = table.rows or []
    width = max([len(table.headers)] + [len(cells) for _, cells in rows])
    table.headers = table.headers + [""] * (width - len(table.headers))
    data = {"line_no": pa.array([line for line, _ in rows], pa.int32())}
    for i in range(width):
        data[f"c{i}"] = pa.array([cells[i] if i < len(cells) else None for _, cells in rows], pa.string())
    con.register("ing_arrow", pa.table(data))
    try:
        con.execute("create temp table ing_raw as select * from ing_arrow")
    finally:
        con.unregister("ing_arrow")


def _stage_with_duckdb(con: duckdb.DuckDBPyConnection, table: RawTable) -> bool:
    """Scan the CSV with DuckDB; False (nothing staged) when rows and lines do not correspond.

    Mapped columns are trimmed during the scan, so the big table is written once.
    """
    cols = _columns(len(table.headers))
    spec = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in cols) + "}"
    mapped = {f"c{pos}" for pos in table.header_map}
    select = ", ".join(f"nullif(trim({c}), '') as {c}" if c in mapped else c for c in cols)
    path, temp = table.path, None
    if table.extra.get("encoding") != "utf-8":
        # DuckDB reads UTF-8 only: hand it the decoded text.
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".csv", delete=False, newline="") as handle:
            handle.write(text_of(table))
        path = temp = handle.name
    try:
        with open(path, "rb") as scanned:
            last_line = scanned.read().rstrip().count(b"\n") + 1
        con.execute(
            f"create temp table ing_csv as select {select} from read_csv($path, auto_detect = false, "  # noqa: S608
            "header = false, skip = $skip, delim = $delim, quote = '\"', escape = '\"', null_padding = true, "
            f"strict_mode = false, columns = {spec})",
            {"path": path, "skip": table.first_data_line - 1, "delim": table.delimiter},
        )
    except duckdb.Error:
        con.execute("drop table if exists ing_csv")
        return False
    finally:
        if temp:
            os.unlink(temp)
    expected = max(last_line - table.first_data_line + 1, 0)
    count, low, high = con.execute("select count(*), min(rowid), max(rowid) from ing_csv").fetchone()
    if count != expected or (count and high - low + 1 != count):
        # Quoted line breaks or blank lines inside the data: rows and lines differ.
        con.execute("drop table ing_csv")
        return False
    # Row ids of a table created in an open transaction start at a large offset, in scan order.
    offset = int(table.first_data_line) - int(low or 0)
    tail = con.execute(
        f"select (rowid + {offset})::integer, {', '.join(cols)} from ing_csv "  # noqa: S608
        f"order by rowid desc limit {FOOTER_SEARCH_ROWS}"
    ).fetchall()
    _, table.extra["skipped"] = split_footer([(r[0], list(r[1:])) for r in reversed(tail)], len(cols))
    below = min((line for line, _ in table.extra["skipped"]), default=None)
    # the offset and the footer's first line are integers computed here, not text from the file
    cutoff = f" and rowid + {offset} < {int(below)}" if below is not None else ""
    con.execute(
        f"create temp view ing_raw as select (rowid + {offset})::integer as line_no, "  # noqa: S608
        f"{', '.join(cols)} from ing_csv where {_nonblank(cols)}{cutoff}"
    )
    table.extra["trimmed"] = True
    return True


def _create_src(con: duckdb.DuckDBPyConnection, table: RawTable) -> None:
    by_name = {canonical: f"c{pos}" for pos, canonical in table.header_map.items()}
    trimmed = table.extra.get("trimmed", False)  # DuckDB's scan already trimmed the mapped columns

    file_term = table.extra.get("file_term")

    def column(name: str) -> str:
        if name == "term" and name not in by_name and file_term is not None:
            # a canonical label built by vocab.Term ("Spring 2018"), never text from the file
            return f"'{file_term.label}'::varchar as term"
        if name not in by_name:
            return f"null::varchar as {name}"
        # a cell of spaces is blank
        return f"{by_name[name]} as {name}" if trimmed else f"nullif(trim({by_name[name]}), '') as {name}"

    # Only c<N> and canonical names from KIND_COLUMNS reach the SQL text.
    select = ", ".join(["line_no"] + [column(name) for name in KIND_COLUMNS[table.kind]])
    # After a DuckDB scan a view is enough; parsed rows are trimmed once into a table.
    what = "view" if trimmed else "table"
    con.execute(f"create temp {what} ing_src as select {select} from ing_raw")  # noqa: S608
