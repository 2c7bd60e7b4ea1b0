"""The replica's side: which snapshot this page run reads.

A replica started by ``make serve`` has ``ANALYTICS_SERVE=1`` in its environment and
``ANALYTICS_DB`` naming the writer's file. It never opens that file: every run of a
page reads the snapshot ``CURRENT`` named when the run began (``pin_for_this_run``,
called first thing by dashboard.py), so a publish mid-page never mixes two snapshots
in one page, and the next run of every session sees the new one. The pin is kept per
thread because Streamlit runs each session's script in a thread of its own.
"""

from __future__ import annotations

import os
import threading

from analytics.errors import AnalyticsError
from analytics.serve import snapshots

SERVE_ENV = "ANALYTICS_SERVE"
_pins = threading.local()


def serving() -> bool:
    """True in a replica of ``make serve`` (read-only snapshots), False in ``make run`` and the command line."""
    return os.environ.get(SERVE_ENV, "") not in ("", "0")


def writer_db() -> str:
    """The writer's file whose snapshots this replica reads (``ANALYTICS_DB``, as ``make run`` sets it)."""
    from analytics.warehouse import DEFAULT_DB

    return os.environ.get("ANALYTICS_DB") or str(DEFAULT_DB)


def pin_for_this_run(db: str) -> str | None:
    """Read ``CURRENT`` once and keep its snapshot for the rest of this thread's run; None when there is none."""
    found = snapshots.current(db)
    _pins.path = str(found.path) if found else None
    _pins.db = db
    return _pins.path


def snapshot_for_this_run(db: str) -> str:
    """The snapshot this run pinned (or, outside a pinned run, the current one)."""
    path = getattr(_pins, "path", None) if getattr(_pins, "db", None) == db else None
    if path is None:
        found = snapshots.current(db)
        if found is None:
            raise AnalyticsError(
                f"{snapshots.folder_for(db)}: no snapshot to serve yet; start the replicas with make serve"
            )
        path = str(found.path)
    return path
