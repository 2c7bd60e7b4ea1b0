"""The performance benchmark (``python -m analytics bench``, docs/PERFORMANCE.md).

- ``run``: the benchmark size by size (generate, import, tables, pages, browser).
- ``pandas_prep`` / ``pandas_tables``: every docs/METRICS.md table in plain vectorised
  pandas, the baseline the warehouse is raced against and checked equal to.
- ``timing``: medians of warm runs, peak memory, table comparison.
- ``ingest_child``: one import in its own process (its own peak memory).
- ``browser``: the Overview's first chart in headless chromium.
- ``report``: the readable tables.
"""
