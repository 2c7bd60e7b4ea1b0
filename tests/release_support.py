"""What the release tests share: a published sample warehouse, and every number a page shows, read back.

The release is published and read into memory before any app opens the file: the
app keeps its (locked) connection for the rest of the test process. Publishing
takes minutes on this machine, so each set of exports is published once per test
run for all test processes at once (``published_copy``) and every test module gets its own copy of the file.
"""

from __future__ import annotations

import base64
import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from app_support import sample_files

from analytics import disclosure, warehouse
from analytics.filters import Filters
from ui.format import for_display
from ui.url import query_from_filters

K, P = 10, 5


@dataclass(frozen=True)
class PublishedSample:
    path: Path
    release_id: int
    as_of: object
    views: list[str]
    labels: dict[str, str]
    queries: dict[str, dict[str, list[str]]]  # view id -> the address that asks for it
    tables: dict[tuple[str, str], pd.DataFrame]  # (table, view id) -> published frame
    masks: dict[tuple[str, str], pd.DataFrame]
    emails: set[str]
    names: set[str]
    schools: set[str]


_TEMPLATES: dict[tuple[str, ...], Path] = {}
ROOT = Path(__file__).resolve().parent.parent


def _digest(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path).encode())
        digest.update(path.read_bytes() if path.exists() else b"<missing>")
    return digest.hexdigest()


def _dependencies(files: list[Path], imported: list[str]) -> list[Path]:
    """What a template depends on: its exports, every SQL file, and the analytics modules publishing imported."""
    sql = sorted((ROOT / "analytics" / "sql").rglob("*.sql"))
    return [*files, *sql, *sorted(ROOT / name for name in imported)]


def _matching_template(folder: Path, files: list[Path], arguments: list[str]) -> Path | None:
    """A stored template whose recorded dependencies all still hold (same exports, same code), if any."""
    for manifest_path in sorted(folder.glob("*.manifest.json")):
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if "arguments" not in manifest:
            continue  # written by an older version of this module
        template = manifest_path.with_name(manifest_path.name.replace(".manifest.json", ".duckdb"))
        if manifest["arguments"] != arguments or not template.exists():
            continue
        if _digest(_dependencies(files, manifest["imported"])) == manifest["digest"]:
            return template
    return None


# Publishing the sample takes 2 to 18 minutes on two shared cores (decision 070): past these, something hangs.
PUBLISH_TIMEOUT = 1500
LOCK_TIMEOUT = 1600


def _wait_for(lock) -> None:
    """Take the template lock, failing with a message when another process holds it too long."""
    deadline = time.monotonic() + LOCK_TIMEOUT
    while True:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"waited {LOCK_TIMEOUT} s for another test process publishing a release template"
                ) from None
            time.sleep(1)


def _shared_template(batches: list[list[Path]] | None) -> Path:
    """The published template, built once for every test process of this checkout and code.

    Publishing the sample takes minutes here, and ``make test`` runs tests in several processes:
    the first one to need it publishes under a file lock, the others wait and copy. Publishing
    runs in its own process (tests/publish_template.py), which reports the analytics modules it
    imported; the template is re-used only while those modules, the SQL and the exports are
    byte for byte what they were, so a change to the engine (or to the importer, the metrics...)
    re-publishes, and a change to code publishing never runs (the exports, the charts) does not.
    """
    batches = [[Path(f).resolve() for f in batch] for batch in (batches or [sample_files()])]
    files = [f for batch in batches for f in batch]
    arguments = [str(f) for batch in batches for f in ["--", *batch]][1:]
    folder = Path(tempfile.gettempdir()) / f"release-templates-{os.getuid()}"
    folder.mkdir(exist_ok=True)
    # one lock per checkout: another checkout's tests publish their own templates without waiting for these
    checkout = hashlib.sha256(str(ROOT).encode()).hexdigest()[:12]
    with (folder / f"publish-{checkout}.lock").open("w") as lock:
        _wait_for(lock)
        found = _matching_template(folder, files, arguments)
        if found is not None:
            return found
        stem = hashlib.sha256(f"{os.getpid()} {time.time_ns()}".encode()).hexdigest()[:16]
        building = folder / f"{stem}.building.duckdb"
        done = subprocess.run(
            [
                sys.executable,
                str(ROOT / "tests" / "publish_template.py"),
                str(building),
                str(K),
                str(P),
                *arguments,
            ],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=PUBLISH_TIMEOUT,  # a hang fails here, saying what hung, before the test's own timeout
        )
        if done.returncode != 0:
            building.unlink(missing_ok=True)
            raise RuntimeError(f"publishing the release template failed:\n{done.stderr[-4000:]}")
        imported = json.loads(done.stdout.strip().splitlines()[-1])
        target = folder / f"{stem}.duckdb"
        building.replace(target)
        manifest = {"arguments": arguments, "imported": imported}
        manifest["digest"] = _digest(_dependencies(files, imported))
        (folder / f"{stem}.manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        return target


def published_copy(
    tmp_path_factory, dest: Path, files: list[Path] | None = None, *, batches: list[list[Path]] | None = None
) -> Path:
    """A warehouse at ``dest`` loaded with ``files`` (the sample by default; or ``batches``, one import each,
    in order) with one release (K=10, P=5).

    The first call for a set of files builds and publishes it; later calls copy that file.
    """
    batches = batches or ([files] if files else None)
    key = tuple(tuple(str(f) for f in batch) for batch in batches or ())
    if key not in _TEMPLATES:
        _TEMPLATES[key] = _shared_template(batches)
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_TEMPLATES[key], dest)
    return dest


ACCEPTANCE = ROOT / "tests" / "fixtures" / "acceptance" / "exports"
ACCEPTANCE_FINAL = ACCEPTANCE / "enrollments_spring_2020_final.csv"


def acceptance_batches() -> list[list[Path]]:
    """The acceptance exports as the tests load them: everything but the corrected final file, then that file."""
    first = [p for p in sorted(ACCEPTANCE.glob("*.csv")) if p != ACCEPTANCE_FINAL]
    return [first, [ACCEPTANCE_FINAL]]


def published_acceptance(tmp_path_factory, dest: Path) -> Path:
    """The acceptance exports (corrected final file last) with one release (K=10, P=5), at ``dest``."""
    return published_copy(tmp_path_factory, dest, batches=acceptance_batches())


def publish_sample(tmp_path_factory, folder: Path) -> PublishedSample:
    path = published_copy(tmp_path_factory, folder / "warehouse.duckdb")
    con = warehouse.connect(path)
    try:
        release = disclosure.latest_release(con)
        offered = [(n, v) for v in release.views for n in release.tables if release.offers(n, v)]
        tables = {(n, v.id): release.table(n, v) for n, v in offered}
        masks = {(n, v.id): release.withheld(n, v) for n, v in offered}
        emails = {e.lower() for (e,) in con.execute("select person_id from people").fetchall()}
        names = {n for (n,) in con.execute("select full_name from people where length(full_name) >= 7").fetchall()}
        schools = {s for (s,) in con.execute("select school from schools where length(school) >= 8").fetchall()}
    finally:
        con.close()
    views = [v.id for v in release.views]
    return PublishedSample(
        path,
        release.id,
        release.as_of,
        views,
        {v.id: v.label for v in release.views},
        {v.id: query_from_filters(v.filters()) for v in release.views},
        tables,
        masks,
        emails,
        names,
        schools,
    )


def plain(value: object) -> object:
    """One cell as a comparable value: None for blanks, floats rounded, text as is."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, str):
        return value
    return round(float(value), 6)


def rows(frame: pd.DataFrame) -> list[tuple]:
    return [tuple(plain(v) for v in row) for row in frame.itertuples(index=False, name=None)]


def displayed(frame: pd.DataFrame) -> list[tuple]:
    """A release frame as a page table shows it (sector and strand names spelled out)."""
    return rows(for_display(frame))


def array_numbers(array: object) -> list[float]:
    """Numbers of a plotly array in a chart's JSON: plain lists, nested lists, or base64-packed typed arrays."""
    if array is None or isinstance(array, str):
        return []
    if isinstance(array, dict):
        if "bdata" in array:
            raw = np.frombuffer(base64.b64decode(array["bdata"]), dtype=np.dtype(array["dtype"]))
            return [float(v) for v in raw.ravel() if not np.isnan(v)]
        return []
    if isinstance(array, list | tuple):
        return [n for item in array for n in array_numbers(item)]
    if isinstance(array, bool):
        return []
    if isinstance(array, int | float):
        return [] if np.isnan(array) else [float(array)]
    return []


def chart_traces(spec: str) -> list[dict]:
    return json.loads(spec).get("data", [])


def view_filters(sample: PublishedSample, view_id: str) -> Filters:
    query = sample.queries[view_id]
    return Filters.parse(query.get("sector"), query.get("category"))


def leaks(text: str, sample: PublishedSample) -> list[str]:
    """Emails, names and school names of the sample found in ``text``."""
    lowered = text.lower()
    found = [e for e in sample.emails if e in lowered]
    found += [n for n in sample.names if n in text]
    found += [s for s in sample.schools if s in text]
    return sorted(found)[:5]


def small_integers(values: list[float], k: int = K) -> list[float]:
    return [v for v in values if float(v).is_integer() and 1 <= v < k]


DIGITS = re.compile(r"[,\s]")
