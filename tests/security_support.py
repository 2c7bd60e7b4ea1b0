"""What the security tests share: acceptance exports, a locked warehouse, every table as plain rows."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from analytics import ingest, metrics, warehouse
from analytics.bench.browser import dashboard_command, wait_healthy
from analytics.serve.probe import free_port

ROOT = Path(__file__).resolve().parent.parent
ACCEPTANCE = ROOT / "tests" / "fixtures" / "acceptance" / "exports"
HOSTILE = ROOT / "tests" / "fixtures" / "hostile"


def sample_people(path: Path) -> tuple[Path, set[str], set[str]]:
    """(path, every person's email, every full name of 7+ characters) of a sample warehouse copy.

    Read before any app opens the file: the app keeps its connection for the process."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        emails = {e for (e,) in con.execute("select person_id from people").fetchall()}
        names = {n for (n,) in con.execute("select full_name from people where length(full_name) >= 7").fetchall()}
    finally:
        con.close()
    return path, emails, names


def acceptance_files() -> list[Path]:
    """The acceptance exports of step 1 (everything but the later 'final' export)."""
    return sorted(p for p in ACCEPTANCE.glob("*.csv") if not p.name.endswith("_final.csv"))


def all_tables(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Every docs/METRICS.md table with no filter, as rows of plain values (NA as None) for exact comparison."""
    out = {}
    for name in metrics.TABLES:
        frame = metrics.compute(con, name)
        out[name] = [tuple(None if pd.isna(v) else v for v in row) for row in frame.itertuples(index=False)]
    return out


# Which load wrote a row, and when: differs between two equal loads, so left out of comparisons.
_LOAD_BOOKKEEPING = {"batch_id", "imported_at", "undone_at"}


def canonical_rows(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Every canonical table's rows in a fixed order (the warehouse's whole content, without load times)."""
    tables = ("schools", "people", "courses", "course_staff", "enrollments", "survey_responses", "rejected_rows")
    out = {}
    for name in tables:
        cols = [
            c
            for (c,) in con.execute(
                "select column_name from duckdb_columns() where table_name = $t and schema_name = 'main' "
                "order by column_index",
                {"t": name},
            ).fetchall()
            if c not in _LOAD_BOOKKEEPING
        ]
        select = ", ".join(f'"{c}"' for c in cols)  # names from the catalog, not from a user
        out[name] = sorted(map(repr, con.execute(f"select {select} from {name}").fetchall()))
    out["import_batches"] = sorted(
        map(repr, con.execute("select file_name, content_hash, undone_at is null from import_batches").fetchall())
    )
    return out


def loaded_warehouse(path: Path, files: list[Path] | None = None, *, locked: bool = False) -> duckdb.DuckDBPyConnection:
    """An open warehouse at ``path`` with ``files`` (the acceptance exports by default) imported."""
    con = warehouse.connect_for_queries(path) if locked else warehouse.connect(path)
    ingest.ingest_files(con, files if files is not None else acceptance_files())
    return con


class Server:
    """One `streamlit run dashboard.py` on a loopback port, for the warehouse at ``db``."""

    def __init__(
        self, db: Path, log: Path, env: dict[str, str] | None = None, args: tuple = (), port: int | None = None
    ) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = os.environ | {"ANALYTICS_DB": str(db), "PYTHONUNBUFFERED": "1"} | (env or {})
        self.log = log
        with log.open("w") as out:
            command = dashboard_command(self.port, *args)
            self.proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            wait_healthy(self.url, self.proc, timeout=90, log=log)
        except RuntimeError as exc:
            self.stop()
            pytest.fail(str(exc))

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=15)
