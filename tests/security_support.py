"""What the security tests share: acceptance exports, a locked warehouse, every table as plain rows."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from analytics import ingest, metrics, warehouse

ROOT = Path(__file__).resolve().parent.parent
ACCEPTANCE = ROOT / "tests" / "fixtures" / "acceptance" / "exports"
HOSTILE = ROOT / "tests" / "fixtures" / "hostile"


def acceptance_files() -> list[Path]:
    """The acceptance exports of step 1 (everything but the later 'final' export)."""
    return sorted(p for p in ACCEPTANCE.glob("*.csv") if not p.name.endswith("_final.csv"))


def all_tables(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Every METRICS.md table with no filter, as rows of plain values (NA as None) for exact comparison."""
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
