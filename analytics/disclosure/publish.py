"""Publishing a release: build every funder table under every view, protect them together,
audit, and store, or refuse (nothing stored) when the audit finds a disclosure."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb
import numpy as np
import pandas as pd

from analytics import warehouse
from analytics.disclosure import store
from analytics.disclosure.audit import AuditReport, audit_system, mask_summary
from analytics.disclosure.build import BuiltFrame, build_frames
from analytics.disclosure.model import build_model
from analytics.disclosure.protect import hidden_classes, present_classes, protect, system_for
from analytics.disclosure.release import Release, get_release, latest_release
from analytics.disclosure.tables import RELEASE_TABLES
from analytics.disclosure.views import VIEWS
from analytics.errors import AnalyticsError


@dataclass
class Prepared:
    frames: list[BuiltFrame]
    report: AuditReport
    system: object
    shown: np.ndarray
    seconds: dict[str, float]


def prepare(con: duckdb.DuckDBPyConnection, *, k: int, p: int, progress: Callable[[str], None] | None = None):
    """Everything a release would hold, protected and audited, without storing it."""
    if k < 2 or p < 1:
        raise AnalyticsError(f"K must be at least 2 and P at least 1 (got K={k}, P={p})")
    say = progress or (lambda _text: None)
    times = {}
    started = time.perf_counter()
    model, counts = build_model(con)
    times["model"] = time.perf_counter() - started
    say(f"model: {len(model.cells)} count cells, {model.n_classes} distinct numbers, {model.n_atoms} atoms")
    mark = time.perf_counter()
    withheld = protect(model, k, p, say)
    times["protect"] = time.perf_counter() - mark
    hidden = hidden_classes(model)
    frames = build_frames(con, model, counts, withheld, hidden)
    system = system_for(model, withheld, present_classes(model), hidden)
    cells = pd.DataFrame(
        [(b.view, b.table, i, col, cls) for b in frames for i, col, cls in b.cells],
        columns=["view", "table", "row_no", "column", "class_no"],
    )
    masks = mask_summary([(b.table, b.withheld, RELEASE_TABLES[b.table].keys) for b in frames])
    mark = time.perf_counter()
    report = audit_system(system, ~hidden, cells, masks, k, p, reference=model.atom_size)
    times["audit"] = time.perf_counter() - mark
    times["total"] = time.perf_counter() - started
    say(f"audit: narrowest interval {report.narrowest}, {'passed' if report.passed else 'FAILED'}")
    return Prepared(frames, report, system, ~hidden, times)


def publish(con: duckdb.DuckDBPyConnection, *, k: int = 10, p: int = 5, progress=None) -> Release:
    """Publish a release from live data; AnalyticsError (and nothing stored) if its audit fails."""
    prepared = prepare(con, k=k, p=p, progress=progress)
    report = prepared.report
    if not report.passed:
        first = report.disclosures.iloc[0]
        raise AnalyticsError(
            f"the release would disclose {len(report.disclosures)} withheld cell(s) (first: {first['table']} "
            f"under {first['view']}, row {first['row_no']}, {first['column']}: {first['low']:g} to {first['high']:g}); "
            "nothing was published"
        )
    totals = report.tables[["cells", "withheld"]].sum()
    audit = report.to_dict() | {"timings": {k_: round(v, 3) for k_, v in prepared.seconds.items()}}
    header = {
        "created_at": datetime.now(UTC).replace(tzinfo=None),
        "as_of": warehouse.as_of(con),
        "k": k,
        "p": p,
        "views": json.dumps([v.id for v in VIEWS]),
        "tables": json.dumps(list(RELEASE_TABLES)),
        "cells": int(totals["cells"]),
        "withheld": int(totals["withheld"]),
        "narrowest": report.narrowest if report.narrowest not in (None, float("inf")) else None,
        "audit": json.dumps(audit, default=str),
    }
    release_id = store.write_release(con, header, prepared.frames, prepared.system, prepared.shown)
    return get_release(con, release_id)


@dataclass(frozen=True)
class PreviewReport:
    """What the next release would publish and withhold, and what differs from the latest release."""

    summary: pd.DataFrame  # table, cells, published, withheld, share, narrowest
    changes: pd.DataFrame  # view, table, rows, cells_changed (against the latest release; all when none)
    passed: bool
    latest_id: int | None


def preview(con: duckdb.DuckDBPyConnection, *, k: int = 10, p: int = 5, progress=None) -> PreviewReport:
    """For the coordinators' Data page: the next release's withholding and its changes since the latest."""
    prepared = prepare(con, k=k, p=p, progress=progress)
    latest = latest_release(con)
    changes = []
    for built in prepared.frames:
        before = None
        if latest is not None and latest.offers(built.table, built.view):
            before = latest.table(built.table, built.view)
        changes.append((built.view, built.table, len(built.frame), _changed(built.frame, before)))
    return PreviewReport(
        prepared.report.tables,
        pd.DataFrame(changes, columns=["view", "table", "rows", "cells_changed"]),
        prepared.report.passed,
        latest.id if latest else None,
    )


def _changed(now: pd.DataFrame, before: pd.DataFrame | None) -> int:
    if before is None or list(before.columns) != list(now.columns) or len(before) != len(now):
        return int(now.size)
    a = now.astype("object").where(now.notna(), None)
    b = before.astype("object").where(before.notna(), None)
    return int((a.to_numpy() != b.to_numpy()).sum())
