"""Shared fixtures. Every test gets its own warehouse file under tmp_path; the sample warehouse
is imported once per session and handed out as copies or read-only connections."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

from analytics import ingest, warehouse

REPO = Path(__file__).resolve().parents[1]
SAMPLE_FILES = sorted([*(REPO / "data" / "sample").glob("*.csv"), *(REPO / "data" / "sample").glob("*.xlsx")])
IDENTITY_OVERRIDES = REPO / "data" / "identity_overrides.csv"


class SampleWarehouse(NamedTuple):
    path: Path  # never to be written: take sample_copy to write, or sample_readonly to read
    results: list  # what ingest_files returned for each sample file


@pytest.fixture
def world(con):
    """The hand-worked small collaborative (``worlds.build_small_world``) in a fresh warehouse."""
    from worlds import build_small_world

    build_small_world(con)
    return con


@pytest.fixture
def db_path(tmp_path, monkeypatch):
    """A fresh warehouse location, also exported as ANALYTICS_DB for code that reads it."""
    path = tmp_path / "warehouse.duckdb"
    monkeypatch.setenv("ANALYTICS_DB", str(path))
    return path


@pytest.fixture
def acceptance_db(tmp_path) -> Path:
    """A warehouse file holding the acceptance exports, closed: for a server or a process to open."""
    from security_support import loaded_warehouse

    path = tmp_path / "acceptance.duckdb"
    loaded_warehouse(path).close()
    return path


@pytest.fixture
def con(db_path):
    """An open, empty warehouse with the schema applied."""
    connection = warehouse.connect(db_path)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory) -> SampleWarehouse:
    """data/sample imported once, the way `make run` imports it (with data/identity_overrides.csv).

    Shared by every test of the session, so nobody may write to it; a test that did would make
    the others' results depend on the order they ran in, and it fails here at the end."""
    assert SAMPLE_FILES, "data/sample has no exports: run `make sample`"
    path = tmp_path_factory.mktemp("sample-warehouse") / "warehouse.duckdb"
    connection = warehouse.connect(path)
    try:
        results = ingest.ingest_files(connection, SAMPLE_FILES, identity_file=IDENTITY_OVERRIDES)
    finally:
        connection.close()
    digest = _digest(path)
    yield SampleWarehouse(path, results)
    assert _digest(path) == digest, "a test wrote to the shared sample warehouse: it should take sample_copy"


@pytest.fixture(scope="session")
def sample_copy(sample_warehouse) -> Callable[[Path], Path]:
    """``sample_copy(folder)``: a private copy of the sample warehouse in ``folder``, for a test or a
    server that opens it for writing (the dashboard does, to re-create its views)."""

    def copy(folder: Path) -> Path:
        target = Path(folder) / "warehouse.duckdb"
        shutil.copyfile(sample_warehouse.path, target)
        return target

    return copy


@pytest.fixture(scope="module")
def sample_readonly(sample_warehouse):
    """A read-only connection to the shared sample warehouse, for tests that only query it."""
    connection = warehouse.connect(sample_warehouse.path, read_only=True)
    yield connection
    connection.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def people_sample(tmp_path_factory):
    """The sample with one release published (funders see only that), and its people: (path, emails, names)."""
    from release_support import published_copy
    from security_support import sample_people

    return sample_people(published_copy(tmp_path_factory, tmp_path_factory.mktemp("people") / "warehouse.duckdb"))


@pytest.fixture
def people_db(people_sample, monkeypatch):
    """``people_sample`` as the warehouse the app opens (ANALYTICS_DB)."""
    monkeypatch.setenv("ANALYTICS_DB", str(people_sample[0]))
    return people_sample
