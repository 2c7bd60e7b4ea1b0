"""The import's memory budget: DuckDB may hold twice the bytes the command reads, and at least 1 GiB.

One command is one transaction, and DuckDB keeps what a transaction wrote (every file's staged
rows, the marts' work tables) until it ends. Under its default limit (80 % of the machine's
memory) it keeps all of it in memory: a 1,000,000-enrollment history (231 MB of CSV) peaked at
2.1 GB. Under a limit it evicts and spills to a temporary file beside the warehouse instead
(its own out-of-core operators): the same import peaked at 1.19 GB for about a tenth more time
(docs/PERFORMANCE.md). The budget grows with what is read, so a ten-times larger history gets
a ten-times larger budget rather than a thousand spilled gigabytes.

The budget holds for the command, and the limit before it is put back after it. It never
raises a limit someone set lower. An explicit ``memory_limit`` (``analytics ingest
--memory-limit 6GB``) is used as it is. A connection whose configuration is locked (the
dashboard's, ``warehouse.connect_for_queries``) keeps its own limit: its imports are uploads of
at most 50 MB.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

MIN_BYTES = 1 << 30
PER_BYTE_READ = 2
_UNITS = {"": 1, "b": 1, "bytes": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "tb": 10**12}
_UNITS |= {"kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30, "tib": 1 << 40}
SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*")


def budget_bytes(paths: list[str | os.PathLike]) -> int:
    """Twice the bytes of the files, at least ``MIN_BYTES``."""
    read = sum(os.path.getsize(p) for p in paths if os.path.isfile(p))
    return max(MIN_BYTES, PER_BYTE_READ * read)


def size_bytes(text: str) -> int | None:
    """``'18.7 GiB'`` or ``'6GB'`` in bytes (DuckDB's notation); None when it is not a size."""
    match = SIZE.fullmatch(text)
    if not match or match.group(2).lower() not in _UNITS:
        return None
    return int(float(match.group(1)) * _UNITS[match.group(2).lower()])


@contextmanager
def memory_budget(
    con: duckdb.DuckDBPyConnection, paths: list[str | os.PathLike], limit: str | None = None
) -> Iterator[None]:
    """DuckDB's memory limit for one import command (``limit``, else the budget), the one before put back after."""
    before = con.execute("select current_setting('memory_limit')").fetchone()[0]
    if limit is None:
        budget = budget_bytes(paths)
        current = size_bytes(before)
        if current is not None and current <= budget:
            yield
            return
        limit = f"{budget // (1 << 20)}MiB"
    try:
        con.execute(f"set memory_limit = '{limit}'")  # a size checked by the caller or made here
    except duckdb.InvalidInputException as exc:
        if "locked" not in str(exc):
            raise
        yield  # the dashboard's locked connection keeps its limit
        return
    try:
        yield
    finally:
        con.execute(f"set memory_limit = '{before}'")
