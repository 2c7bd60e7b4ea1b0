"""One timed import (or release) in a process of its own, so its peak memory is its own.

``python -m analytics.bench.ingest_child WAREHOUSE FILE...`` imports the files into a new
warehouse; ``--onto BASE`` first copies the warehouse BASE (untimed) and imports on top of it
(the weekly case); ``--publish`` publishes a funder release of WAREHOUSE instead;
``--memory-limit 6GB`` (first) caps DuckDB's memory instead of the import's own budget (twice the
bytes it reads, at least 1 GiB: ``analytics/ingest/budget.py``). It prints
one JSON object: ``ingest_s`` (wall, the marts kept fresh inside the import included),
``ingest_cpu_s``, ``marts_s`` and ``marts_cpu_s`` (the part spent bringing the marts up to date), ``peak_rss_mb``,
the table counts and the load average when it ended; or ``publish_s`` and its release.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import time

from analytics import ingest, warehouse
from analytics.bench.timing import peak_rss_mb
from analytics.metrics import marts


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _checked(memory_limit: str | None) -> str | None:
    if memory_limit and not re.fullmatch(r"\d+(\.\d+)?\s*[KMGT]i?B", memory_limit):
        raise SystemExit(f"--memory-limit: not a size such as 6GB: {memory_limit!r}")
    return memory_limit


def _import(location: str, files: list[str], memory_limit: str | None = None) -> dict:
    spent = [0.0, 0.0]  # wall, CPU
    real = marts.update_in

    def timed(con, batch_ids, *, incremental):
        started, cpu = time.perf_counter(), time.process_time()
        try:
            return real(con, batch_ids, incremental=incremental)
        finally:
            spent[0] += time.perf_counter() - started
            spent[1] += time.process_time() - cpu

    marts.update_in = timed  # ingest_files calls it through the module
    con = warehouse.connect(location)
    try:
        load_before = _load()
        wall, cpu = time.perf_counter(), time.process_time()
        results = ingest.ingest_files(con, files, memory_limit=_checked(memory_limit))
        ingest_s, ingest_cpu_s = time.perf_counter() - wall, time.process_time() - cpu
        counts = warehouse.table_counts(con)
        stamp, built_from = marts.stamps(con)
    finally:
        con.close()
    return {
        "ingest_s": round(ingest_s, 3),
        "ingest_cpu_s": round(ingest_cpu_s, 3),
        "marts_s": round(spent[0], 3),
        "marts_cpu_s": round(spent[1], 3),
        "marts_fresh": stamp == built_from,
        "peak_rss_mb": round(peak_rss_mb(children=False), 1),
        "rows_read": sum(r.rows_read for r in results),
        "counts": counts,
        "load_average": [load_before, _load()],
    }


def _publish(location: str) -> dict:
    from analytics import disclosure

    con = warehouse.connect(location)
    try:
        load_before = _load()
        started = time.perf_counter()
        release = disclosure.publish(con)
        publish_s = time.perf_counter() - started
    finally:
        con.close()
    return {
        "publish_s": round(publish_s, 3),
        "release_id": release.id,
        "peak_rss_mb": round(peak_rss_mb(children=False), 1),
        "load_average": [load_before, _load()],
    }


def main(argv: list[str]) -> int:
    memory_limit = None
    if argv[:1] == ["--memory-limit"]:
        memory_limit, argv = argv[1], argv[2:]
    if argv[:1] == ["--publish"]:
        report = _publish(argv[1])
    else:
        if argv[:1] == ["--onto"]:
            base, argv = argv[1], argv[2:]
            shutil.copyfile(base, argv[0])
        location, *files = argv
        report = _import(location, files, memory_limit)
    print(json.dumps(report, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
