"""The pandas implementation of every docs/METRICS.md table that the SQL is checked against.

It is the benchmark's baseline (``analytics.bench.pandas_prep`` and
``analytics.bench.pandas_tables``): one pandas implementation, written from
docs/METRICS.md rather than from the queries, serves both as the test oracle and as
what the warehouse is raced against. ``Data(con)`` reads the canonical tables
and derives the per-person facts; ``reference(con, name, filters, data)``
returns the same columns as ``analytics.metrics.compute``.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from analytics.bench import pandas_prep, pandas_tables
from analytics.filters import Filters


def Data(con: duckdb.DuckDBPyConnection) -> pandas_prep.Prepared:
    """The canonical tables as DataFrames, plus the facts derived from them."""
    return pandas_prep.Prepared(pandas_prep.load_frames(con))


def reference(
    con: duckdb.DuckDBPyConnection,
    name: str,
    filters: Filters | None = None,
    data: pandas_prep.Prepared | None = None,
) -> pd.DataFrame:
    """Table ``name`` computed in pandas, sorted like the SQL (term order, then the other keys)."""
    return pandas_tables.compute(data if data is not None else Data(con), name, filters)
