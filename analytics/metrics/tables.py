"""Running a table of the registry (``analytics/metrics/spec.py``): its query, its columns, their dtypes.

``compute(con, name, filters)`` returns a DataFrame with exactly the table's columns
(``TABLES[name].columns``) in order, rows sorted by term order then the other keys. Terms
and cohorts are canonical labels ('Spring 2018'); each column gets the dtype of its kind
(keys ``str``, counts ``int64``, rates ``float64`` rounded as docs/METRICS.md says, NaN where
blank), so an empty result has the same dtypes as a full one. The queries read the marts
built from the staging views of ``analytics/sql/staging/``, which decide everything filters
must not change (first term, sector in a term, who led when) over all data.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable

import duckdb
import pandas as pd

from analytics.errors import UnknownValueError
from analytics.filters import Filters
from analytics.metrics import layer, marts
from analytics.metrics.spec import TABLES
from analytics.metrics.table_spec import COUNT, KEY
from analytics.vocab import Term
from analytics.warehouse import read_sql

_DTYPES = {KEY: "str", COUNT: "int64"}  # every other kind (rates, averages) is float64


def compute(con: duckdb.DuckDBPyConnection, name: str, filters: Filters | None = None) -> pd.DataFrame:
    """Table ``name`` of docs/METRICS.md under ``filters`` (None = everything counted); UnknownValueError
    (listing the valid names) for an unknown one."""
    spec = TABLES.get(name)
    if spec is None:
        raise UnknownValueError("table", name, sorted(TABLES))
    frame = _run(con, spec.sql, (filters or Filters()).params(), _frame)
    if tuple(frame.columns) != spec.columns:
        raise RuntimeError(f"{spec.sql} returns {list(frame.columns)}, docs/METRICS.md says {list(spec.columns)}")
    for column in spec.columns:
        # An empty result comes back as object; text is pandas' str dtype either way (blank = NaN).
        frame[column] = frame[column].astype(_DTYPES.get(spec.kind(column), "float64"))
    return frame


def query_frame(con: duckdb.DuckDBPyConnection, path: str, params: dict[str, object]) -> pd.DataFrame:
    """Any query of ``analytics/sql`` run as the metric queries are (marts or views, ``$layer`` bound)."""
    return _run(con, path, params, _frame)


def terms_present(con: duckdb.DuckDBPyConnection) -> list[Term]:
    """Terms offered or enrolled in, in term order (for filter widgets and axis order)."""
    rows = _run(con, "metrics/marts/terms_present.sql", {}, lambda result: result.fetchall())
    return [Term.from_order(order) for (order,) in rows]


# The rows are read through Arrow from the executed statement itself. DuckDB warns that this copies
# them once more than a relation would; but a relation binds the whole statement once more before it
# runs (about 5 ms of a table's 20-50 at 1,000,000 enrollments), far more than copying at most 50,000
# rows costs. Only this module's reads are exempted (a filter added once, at import).
warnings.filterwarnings("ignore", "Arrow output on a DB-API result", UserWarning, re.escape(__name__))


def _frame(result: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The rows as a DataFrame, through Arrow: the same dtypes as ``df()`` (text is pandas' Arrow-backed
    ``str``), about three times less CPU for the per-course tables' 50,000 rows of text."""
    return result.to_arrow_table().to_pandas()


def _run(con: duckdb.DuckDBPyConnection, path: str, params: dict, read: Callable):
    """A metric query, from the marts (or from the views when the marts cannot be brought up to date:
    ``$layer`` bound to the views' prefix), read whole by ``read`` on a cursor of its own (one
    connection serves every dashboard session)."""
    sql = read_sql(path)
    cursor = con.cursor()
    try:
        return read(cursor.execute(sql, layer.bind(sql, params, fresh=marts.ensure_fresh(con))))
    finally:
        cursor.close()
