"""Figures of the chart registry, each built once per process for the same input.

Building a plotly figure is most of a page run's work (validating every property,
copying the house template into each layout), and the same figures are asked for
again and again: every session reading one published view of one release gets
the same tables, so the same charts. ``draw`` is ``analytics.charts.registry.draw``
under ``st.cache_resource``, keyed by an exact fingerprint of its inputs (every
value, label and type of the frame, the goals, the options), never by where they
came from. A new snapshot or a new release that leaves a table's numbers unchanged
reuses the figure; any changed number is a new key. (Streamlit's own argument
hashing samples frames of 50,000 rows or more; the fingerprint never samples.)

The figures are shared between sessions and threads, so nothing may change one
after it is built: Streamlit only reads it (``st.plotly_chart`` copies it into a
message), as does ``charts.describe``.
"""

from __future__ import annotations

import hashlib
import pickle

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics.charts import registry

# Figures of up to a few hundred points each; a few hundred distinct inputs per process is
# every published view of two releases, on every page, with room for coordinators' filters.
MAX_FIGURES = 768


def fingerprint(value: object) -> bytes:
    """Exact bytes for a chart argument: equal for equal contents, different for any difference."""
    if isinstance(value, pd.DataFrame | pd.Series):
        frame = value.to_frame() if isinstance(value, pd.Series) else value
        layout = pickle.dumps((type(value).__name__, list(frame.columns), [str(t) for t in frame.dtypes], frame.shape))
        rows = pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes()
        return hashlib.sha256(layout + rows).digest()
    if isinstance(value, list | tuple):
        return hashlib.sha256(b"".join(fingerprint(v) for v in value) + type(value).__name__.encode()).digest()
    if isinstance(value, dict):
        return fingerprint([(key, item) for key, item in sorted(value.items())])
    return hashlib.sha256(pickle.dumps(value, pickle.HIGHEST_PROTOCOL)).digest()  # terms, text, numbers, None


@st.cache_resource(show_spinner=False, max_entries=MAX_FIGURES)
def _built(chart: str, key: bytes, _frame: pd.DataFrame, _options: dict) -> go.Figure:
    # Only chart and key are hashed (Streamlit skips arguments whose names start with "_").
    return registry.draw(chart, _frame, **_options)


def draw(chart: str, frame: pd.DataFrame, **options) -> go.Figure:
    """``registry.draw(chart, frame, **options)``, built once per process for the same inputs."""
    return _built(chart, fingerprint([frame, options]), frame, options)
