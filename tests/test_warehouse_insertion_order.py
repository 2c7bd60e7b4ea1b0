"""warehouse.insertion_order: the setting holds inside the block and is put back after it, whatever happens."""

from __future__ import annotations

import duckdb
import pytest

from analytics import ingest as ingest_module
from analytics import warehouse
from analytics.ingest import ingest_files
from tests.test_ingest_bulk import CATALOG


def _ordered(con) -> bool:
    return con.execute("select current_setting('preserve_insertion_order')").fetchone()[0]


def test_the_setting_holds_in_the_block_and_is_put_back(con):
    assert _ordered(con)
    with warehouse.insertion_order(con, preserve=False):
        assert not _ordered(con)
        with warehouse.insertion_order(con, preserve=True):
            assert _ordered(con)
        assert not _ordered(con)
    assert _ordered(con)


def test_the_setting_is_put_back_after_an_error(con):
    with pytest.raises(ZeroDivisionError), warehouse.insertion_order(con, preserve=False):
        raise ZeroDivisionError
    assert _ordered(con)


def test_an_import_that_fails_in_its_transaction_puts_the_setting_back(con, monkeypatch):
    # the failure aborts DuckDB's transaction, which then refuses any SET until the import rolls back
    def fail(cursor, *args, **kwargs):
        cursor.execute("select 1 / 'x'::integer")

    monkeypatch.setattr(ingest_module.marts, "update_in", fail)
    with pytest.raises(duckdb.ConversionException):
        ingest_files(con, [CATALOG])
    assert _ordered(con)
    assert con.execute("select count(*) from courses").fetchone()[0] == 0


def test_a_locked_connection_keeps_its_setting(tmp_path):
    path = tmp_path / "w.duckdb"
    warehouse.connect(path).close()
    con = warehouse.connect_for_queries(path)
    try:
        with warehouse.insertion_order(con, preserve=False):
            assert _ordered(con)
    finally:
        con.close()


def test_an_import_leaves_the_setting_as_it_found_it(con):
    ingest_files(con, [CATALOG])
    assert _ordered(con)
    con.execute("set preserve_insertion_order = false")
    ingest_files(con, [CATALOG])
    assert not _ordered(con)
