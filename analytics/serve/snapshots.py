"""Read-only snapshots of the warehouse, for replicas that must never meet a writer.

Layout, next to the writer's file ``DB`` (``data/warehouse.duckdb``)::

    DB.snapshots/
        000007.duckdb      a whole copy of DB, never written again once named
        000008.duckdb
        CURRENT            the name of the snapshot replicas open ("000008.duckdb")

A snapshot is written under a temporary name (``.000008.partial``), flushed to disk,
opened read-only and checked (schema at this code's version, every stored row readable),
and only then renamed to its final name; ``CURRENT`` is replaced the same way (write a
temporary file, flush, ``rename``), which POSIX makes atomic. So a reader sees the old
snapshot or the new one, never a file being written. Snapshots are whole files because
DuckDB lets many processes read one file only when none writes it.

Old snapshots are deleted once superseded for ``GRACE_SECONDS`` (the current and the one
before are always kept). A replica that has one open keeps reading it after the delete:
on Linux an unlinked file lives until its last descriptor closes.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from analytics import schema, warehouse
from analytics.errors import AnalyticsError

POINTER = "CURRENT"
GRACE_SECONDS = 120  # a page run that pinned an old snapshot has this long to open it
_NAME = re.compile(r"^(\d{6})\.duckdb$")


def folder_for(db: str | os.PathLike) -> Path:
    """Where the snapshots of the writer's file ``db`` live."""
    return Path(f"{db}.snapshots")


def is_served(db: str | os.PathLike) -> bool:
    """True when ``db`` has snapshots, i.e. replicas read it (``make serve`` created the folder)."""
    return (folder_for(db) / POINTER).exists()


@dataclass(frozen=True)
class Snapshot:
    path: Path
    number: int


def current(db: str | os.PathLike) -> Snapshot | None:
    """The snapshot replicas should open now, or None before the first one."""
    folder = folder_for(db)
    try:
        name = (folder / POINTER).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    match = _NAME.match(name)
    if not match:
        raise AnalyticsError(f"{folder / POINTER}: names {name!r}, not a snapshot; run make serve again to rewrite it")
    return Snapshot(folder / name, int(match.group(1)))


def _snapshots(folder: Path) -> list[Snapshot]:
    found = [Snapshot(p, int(m.group(1))) for p in folder.iterdir() if (m := _NAME.match(p.name))]
    return sorted(found, key=lambda s: s.number)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _check(path: Path) -> None:
    """Open the copy the way a replica will (read-only) and read every row: a bad copy is never named."""
    con = warehouse._open(str(path), read_only=True)
    try:
        if schema.needs_upgrade(con, str(path)):
            raise AnalyticsError(f"{path}: the copy is not at this code's schema version; open the warehouse once")
        warehouse.verify(con, str(path))
    except duckdb.Error as exc:
        raise AnalyticsError(
            f"{path}: the copy cannot be read ({str(exc).splitlines()[0]}); nothing published"
        ) from exc
    finally:
        con.close()


def publish(db: str | os.PathLike, *, now: float | None = None) -> Snapshot:
    """Copy ``db`` into the next snapshot and point ``CURRENT`` at it.

    The caller holds the writer lock (``analytics.serve.writer``) and has closed its
    connection to ``db``, so the file is whole (DuckDB checkpoints on close) and nobody
    writes it during the copy.
    """
    source = Path(db)
    if not source.exists():
        raise AnalyticsError(f"{source}: no warehouse to serve yet; import exports first (make warehouse)")
    if Path(f"{source}.wal").exists():
        raise AnalyticsError(f"{source}.wal: the warehouse was not closed cleanly; open it once for writing first")
    folder = folder_for(source)
    folder.mkdir(parents=True, exist_ok=True)
    existing = _snapshots(folder)
    number = existing[-1].number + 1 if existing else 1
    final = folder / f"{number:06d}.duckdb"
    partial = folder / f".{number:06d}.partial"
    try:
        shutil.copyfile(source, partial)
        _fsync(partial)
        _check(partial)
        os.rename(partial, final)
    finally:
        partial.unlink(missing_ok=True)
    pointer = folder / f".{POINTER}.partial"
    pointer.write_text(final.name + "\n", encoding="utf-8")
    _fsync(pointer)
    os.rename(pointer, folder / POINTER)
    _fsync(folder)  # the rename itself reaches the disk
    cleanup(source, now=now)
    return Snapshot(final, number)


def cleanup(db: str | os.PathLike, *, now: float | None = None) -> list[Path]:
    """Delete snapshots superseded more than ``GRACE_SECONDS`` ago (and stray partial files); return them.

    A snapshot's supersession time is the modification time of the next one (when it was
    written). The current snapshot and the one before it always stay.
    """
    folder = folder_for(db)
    if not folder.exists():
        return []
    now = time.time() if now is None else now
    live = current(db)
    snapshots = _snapshots(folder)
    keep = {live.number, live.number - 1} if live else {s.number for s in snapshots}
    deleted = []
    for older, newer in zip(snapshots, snapshots[1:], strict=False):
        if older.number in keep:
            continue
        if now - newer.path.stat().st_mtime >= GRACE_SECONDS:
            older.path.unlink(missing_ok=True)
            deleted.append(older.path)
    for stray in folder.glob(".*.partial"):
        if now - stray.stat().st_mtime >= GRACE_SECONDS:  # left by a writer that died mid-copy
            stray.unlink(missing_ok=True)
            deleted.append(stray)
    return deleted
