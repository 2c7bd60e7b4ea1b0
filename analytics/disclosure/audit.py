"""The audit: for every withheld count, how far everything in the release narrows it.

It reads only what a release stores (published values, which atoms each count sums, the link
equations), never live data, so ``audit --release ID`` checks a release as published, also after
later imports. Each withheld count must span at least P values given everything released:
first, points that agree with the release are sought that move many withheld counts at once
(``certify``); a count seen at two values P apart is proven. Every count not proven so is bounded
by two exact linear programmes (``lp.intervals``), and an interval narrower than P there is a
disclosure. With ``exact=True`` every count gets the two programmes (its full interval).
A proven count's reported interval is the range seen, which the full interval contains.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.disclosure import certify, lp, store


@dataclass(frozen=True)
class AuditReport:
    release_id: int | None
    k: int
    p: int
    tables: pd.DataFrame  # table, cells, published, withheld, share, narrowest
    disclosures: pd.DataFrame  # view, table, row_no, column, low, high
    narrowest: float | None  # narrowest interval of any withheld count (None: nothing withheld)
    seconds: float
    proven: int = 0  # withheld counts proven by a certificate (the rest bounded exactly)
    bounded: int = 0  # withheld counts bounded by the exact programmes

    @property
    def passed(self) -> bool:
        return self.disclosures.empty

    def to_dict(self) -> dict:
        return {
            "release_id": self.release_id,
            "k": self.k,
            "p": self.p,
            "passed": self.passed,
            "narrowest": self.narrowest,
            "seconds": round(self.seconds, 3),
            "proven_by_certificate": self.proven,
            "bounded_exactly": self.bounded,
            "tables": self.tables.to_dict(orient="records"),
            "disclosures": self.disclosures.head(50).to_dict(orient="records"),
        }


def bound_withheld(system: lp.System, targets: np.ndarray, p: int, *, exact: bool = False, reference=None):
    """(low, high, proven) per target: certificates first, exact programmes for the rest."""
    if exact:
        low, high = lp.intervals(system, targets)
        return low, high, np.zeros(len(targets), dtype=bool)
    low, high, proven = certify.certify(system, targets, p, reference=reference)
    rest = np.flatnonzero(~proven)
    if len(rest):
        low[rest], high[rest] = lp.intervals(system, targets[rest])
    return low, high, proven


def audit_system(
    system: lp.System,
    shown: np.ndarray,
    cells: pd.DataFrame,
    masks: pd.DataFrame,
    k: int,
    p: int,
    release_id=None,
    *,
    exact: bool = False,
    reference: np.ndarray | None = None,
) -> AuditReport:
    """Audit a release's model. ``cells``: view, table, row_no, column, class_no of every count cell;
    ``masks``: table, cells, withheld (measure cells of each table, over every view); ``reference``:
    a point the certificates may start from (the true sizes while publishing; it is checked, since
    certificates only use points that satisfy every published number)."""
    started = time.perf_counter()
    targets = np.flatnonzero(~system.published & shown)
    low, high, proven = bound_withheld(system, targets, p, exact=exact, reference=reference)
    width = np.full(len(system.published), math.inf)
    width[targets] = lp.widths(low, high)
    lows = np.full(len(system.published), np.nan)
    highs = np.full(len(system.published), np.nan)
    lows[targets], highs[targets] = low, high
    narrowest = cells.assign(width=width[cells["class_no"].to_numpy(dtype=np.int64)]).groupby("table")["width"].min()
    tables = masks.copy()
    tables["published"] = tables["cells"] - tables["withheld"]
    tables["share"] = (tables["withheld"] / tables["cells"].where(tables["cells"] > 0)).round(4)
    tables["narrowest"] = tables["table"].map(narrowest).where(lambda s: np.isfinite(s))
    tables = tables[["table", "cells", "published", "withheld", "share", "narrowest"]]
    # a released count of 1 to K-1 (shown, or the input of a shown mixing index) breaks the rule by itself
    small = system.published & (system.value >= 1) & (system.value < k)
    width[small] = 0.0
    cell_width = width[cells["class_no"].to_numpy(dtype=np.int64)]
    bad = cells[cell_width < p]
    bad_value = np.where(small, system.value, np.nan)[bad["class_no"].to_numpy(dtype=np.int64)]
    disclosures = bad.assign(
        low=np.where(np.isnan(bad_value), lows[bad["class_no"].to_numpy(dtype=np.int64)], bad_value),
        high=np.where(np.isnan(bad_value), highs[bad["class_no"].to_numpy(dtype=np.int64)], bad_value),
    )[["view", "table", "row_no", "column", "low", "high"]].reset_index(drop=True)
    finite = width[targets][np.isfinite(width[targets])]
    return AuditReport(
        release_id,
        k,
        p,
        tables.reset_index(drop=True),
        disclosures,
        float(finite.min()) if len(finite) else (math.inf if len(targets) else None),
        time.perf_counter() - started,
        int(proven.sum()),
        int(len(targets) - proven.sum()),
    )


def mask_summary(frames: list[tuple[str, pd.DataFrame, tuple[str, ...]]]) -> pd.DataFrame:
    """table, cells, withheld: measure cells of each table over every view (keys are not cells)."""
    tally: dict[str, list[int]] = {}
    for table, mask, keys in frames:
        measures = mask[[c for c in mask.columns if c not in keys]]
        entry = tally.setdefault(table, [0, 0])
        entry[0] += measures.size
        entry[1] += int(measures.to_numpy().sum())
    return pd.DataFrame([(t, c, w) for t, (c, w) in tally.items()], columns=["table", "cells", "withheld"])


def audit_release(con, release=None, *, exact: bool = False) -> AuditReport:
    """Audit a stored release (the latest when ``release`` is None); raises AnalyticsError if none."""
    from analytics.disclosure.release import Release, get_release, latest_release
    from analytics.disclosure.tables import RELEASE_TABLES
    from analytics.errors import AnalyticsError

    if release is None:
        release = latest_release(con)
        if release is None:
            raise AnalyticsError("no release has been published yet (python -m analytics publish)")
    elif not isinstance(release, Release):
        release = get_release(con, int(release))
    system, shown = store.read_system(con, release.id, release.n_atoms)
    cells = con.execute(
        "select view_id as view, table_name as table, row_no, column_name as column, class_no "
        "from release_cells where release_id = ? order by view_id, table_name, row_no, column_name",
        [release.id],
    ).df()
    masks = mask_summary([(t, release.withheld(t, v), RELEASE_TABLES[t].keys) for v, t in release.frame_names()])
    return audit_system(system, shown, cells, masks, release.k, release.p, release.id, exact=exact)
