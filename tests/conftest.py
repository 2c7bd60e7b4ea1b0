"""Shared fixtures. Every test gets its own warehouse file under tmp_path."""

from __future__ import annotations

import pytest

from analytics import warehouse


@pytest.fixture
def db_path(tmp_path, monkeypatch):
    """A fresh warehouse location, also exported as ANALYTICS_DB for code that reads it."""
    path = tmp_path / "warehouse.duckdb"
    monkeypatch.setenv("ANALYTICS_DB", str(path))
    return path


@pytest.fixture
def con(db_path):
    """An open, empty warehouse with the schema applied."""
    connection = warehouse.connect(db_path)
    yield connection
    connection.close()
