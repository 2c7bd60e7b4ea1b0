"""Which relations the queries read, bound as a parameter rather than written into queries.

Every metric and membership query, and the members macros they call
(``analytics/sql/staging/13_*.sql`` to ``22_*.sql``), read marts or views through ``$layer``, the
prefix of the relations (``query_table($layer || 'course_numbers')``): ``mart_`` for the marts,
``stg_`` for the staging views when the marts cannot be brought up to date
(``analytics.metrics.marts.ensure_fresh``). These two prefixes are the only values ever bound;
no query's text is rewritten.
"""

from __future__ import annotations

MARTS = "mart_"
VIEWS = "stg_"


def bind(sql: str, params: dict[str, object], *, fresh: bool) -> dict[str, object]:
    """The named parameters ``sql`` uses, from ``params`` and the layer (DuckDB refuses unused ones)."""
    values = {**params, "layer": MARTS if fresh else VIEWS}
    return {name: value for name, value in values.items() if f"${name}" in sql}
