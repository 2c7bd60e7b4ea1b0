"""One timed import in a process of its own, so its peak memory is its own.

``python -m analytics.bench.ingest_child WAREHOUSE FILE...`` imports the files
into a new warehouse, rebuilds the metric marts (what the first page view
after an import would do), and prints one JSON object: ``ingest_s`` (wall),
``ingest_cpu_s``, ``marts_s``, ``peak_rss_mb`` and the table counts.
"""

from __future__ import annotations

import json
import sys
import time

from analytics import ingest, warehouse
from analytics.bench.timing import peak_rss_mb
from analytics.metrics import marts


def main(argv: list[str]) -> int:
    location, *files = argv
    con = warehouse.connect(location)
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        results = ingest.ingest_files(con, files)
        ingest_s, ingest_cpu_s = time.perf_counter() - wall, time.process_time() - cpu
        started = time.perf_counter()
        marts.refresh(con)
        marts_s = time.perf_counter() - started
        counts = warehouse.table_counts(con)
    finally:
        con.close()
    report = {
        "ingest_s": round(ingest_s, 3),
        "ingest_cpu_s": round(ingest_cpu_s, 3),
        "marts_s": round(marts_s, 3),
        "peak_rss_mb": round(peak_rss_mb(children=False), 1),
        "rows_read": sum(r.rows_read for r in results),
        "counts": counts,
    }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
