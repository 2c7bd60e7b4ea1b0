"""A page about tables of the registry: its opening, and each table's chart drawn from its declaration.

Every funder page opens the same way (title, the table it is about, a plain stop when the
filters select nothing, the withheld-counts note) and draws its charts the same way (the
table under the filters, the chart the table declares in analytics/metrics/spec.py, with goal
marks or the span of terms when the chart takes them). Both live here once.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import insights, metrics
from analytics.charts import registry
from analytics.filters import Filters
from ui import components, data, figures, periods


def open_page(title: str, caption: str, table: str) -> tuple[Filters, pd.DataFrame]:
    """Start a page about ``table``: the filters and the table under them; stops the run when nothing matches."""
    filters = components.page_start(title, caption)
    frame = data.table(table, filters)
    if components.nothing_matches(frame, filters):
        st.stop()
    components.withheld_note()
    return filters, frame


def _declared(table: str) -> tuple[str, ...]:
    spec = metrics.TABLES.get(table) or insights.SPECS[table]
    return spec.charts


def _read(table: str, filters: Filters) -> pd.DataFrame:
    """A registry table, or one of the dashboard's own (analytics.insights), under ``filters``."""
    return data.table(table, filters) if table in metrics.TABLES else data.insight(table, filters)


def table_chart(
    table: str,
    filters: Filters,
    *,
    frame: pd.DataFrame | None = None,
    chart: str | None = None,
    note: str | None = None,
    key: str | None = None,
) -> None:
    """Draw ``table``'s chart (``chart`` when it declares several) with its text alternative, note and numbers.

    ``frame`` is the table already read by the page (``open_page``); otherwise it is read here.
    """
    name = registry.chart_of(table, _declared(table), chart)
    frame = _read(table, filters) if frame is None else frame
    takes = registry.CHARTS[name]
    figure = figures.draw(
        name,
        frame,
        goals=periods.goals() if takes.takes_goals else None,
        when=components.when(filters, table) if takes.takes_when else "",
    )
    components.chart(figure, frame, table, filters, note=note, key=key)
