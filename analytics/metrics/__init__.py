"""The tables of docs/METRICS.md: the registry (``TABLES``, one declaration per table) and ``compute`` by name.

from analytics.metrics import compute
frame = compute(con, "participation_by_term", Filters.parse(sectors=["charter"]))
"""

from analytics.metrics.spec import LINKS, TABLES, TableSpec
from analytics.metrics.tables import compute, terms_present

__all__ = ["LINKS", "TABLES", "TableSpec", "compute", "terms_present"]
