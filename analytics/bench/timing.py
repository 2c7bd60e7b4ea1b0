"""Measuring: medians of warm runs, peak memory, and checking two tables equal."""

from __future__ import annotations

import resource
import statistics
import sys
import time
from collections.abc import Callable

import numpy as np
import pandas as pd

from analytics.metrics.spec import TABLES

# One unit in the last decimal docs/METRICS.md keeps: two implementations may round a tie differently.
_TOLERANCE = {"avg_rating": 0.01, "nps": 0.1, "median_terms_to_lead": 0.0}


def median_ms(action: Callable[[], object], runs: int) -> float:
    """Median wall milliseconds of ``runs`` calls of ``action``, after one untimed warm-up call."""
    action()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def peak_rss_mb(*, children: bool = True) -> float:
    """Peak resident memory so far of this process (and, with ``children``, of its largest waited-for child)."""
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss is bytes on macOS, KiB on Linux
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if children:
        peak = max(peak, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return peak * scale / 2**20


def differences(got: pd.DataFrame, expected: pd.DataFrame, name: str) -> list[str]:
    """Where two versions of table ``name`` differ (rows in any order; rates within one rounding unit)."""
    spec = TABLES[name]
    if list(got.columns) != list(expected.columns):
        return [f"columns {list(got.columns)} != {list(expected.columns)}"]
    if len(got) != len(expected):
        return [f"{len(got)} rows != {len(expected)} rows"]
    keys = list(spec.keys)
    left = got.sort_values(keys, na_position="last").reset_index(drop=True)
    right = expected.sort_values(keys, na_position="last").reset_index(drop=True)
    found = []
    for column in spec.columns:
        a, b = left[column], right[column]
        if column in keys:
            same = a.astype(object).where(a.notna(), None) == b.astype(object).where(b.notna(), None)
            same = same | (a.isna() & b.isna())
        else:
            x, y = a.astype(float).to_numpy(), b.astype(float).to_numpy()
            same = pd.Series((np.isnan(x) & np.isnan(y)) | (np.abs(x - y) <= _TOLERANCE.get(column, 1e-4) + 1e-9))
        if not same.all():
            row = int(np.flatnonzero(~same.to_numpy())[0])
            found.append(
                f"{column}: {int((~same).sum())} rows differ, e.g. {left.loc[row, column]!r} vs {right.loc[row, column]!r}"
            )
    return found
