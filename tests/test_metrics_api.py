"""The metrics API: compute by name from the registry, shapes and types, marts kept fresh."""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor

import pandas as pd
import pytest
from builders import WarehouseBuilder, rows
from worlds import build_small_world

import analytics.metrics as metrics
from analytics import warehouse
from analytics.errors import AnalyticsError, UnknownValueError
from analytics.filters import Filters
from analytics.metrics import TABLES, compute, marts, terms_present
from analytics.vocab import Term

NOTHING = Filters.parse(sectors=["other"], categories=["other"])


@pytest.mark.parametrize("name", sorted(TABLES))
def test_each_table_runs_its_declared_query_with_the_declared_columns(world, name):
    frame = compute(world, name)
    assert list(frame.columns) == list(TABLES[name].columns)
    assert not frame.empty
    sql = warehouse.read_sql(TABLES[name].sql)
    assert sql.startswith("-- Grain:"), "each query states its grain first"


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_column_has_the_dtype_of_its_declared_kind(world, name):
    spec = TABLES[name]
    for frame in (compute(world, name), compute(world, name, NOTHING)):  # the same dtypes when empty
        dtypes = {column: str(frame[column].dtype) for column in spec.columns}
        expected = {
            column: {"key": "str", "count": "int64", "rate": "float64"}[spec.kind(column)] for column in spec.columns
        }
        assert dtypes == expected


@pytest.mark.parametrize("name", sorted(TABLES))
def test_counts_are_integers_and_rates_floats(world, name):
    spec = TABLES[name]
    frame = compute(world, name)
    for column in spec.measures:
        kind = frame[column].dtype.kind
        assert kind in ("i", "f"), f"{name}.{column} is {frame[column].dtype}"
        if column in spec.person_counts:
            assert kind == "i", f"{name}.{column} counts people or enrollments"
        if column in spec.derived and column != "sectors_represented":
            assert kind == "f", f"{name}.{column} is a rate or an average"


@pytest.mark.parametrize("name", sorted(TABLES))
def test_a_filter_that_excludes_everything_gives_empty_tables(world, name):
    frame = compute(world, name, NOTHING)
    assert frame.empty
    assert list(frame.columns) == list(TABLES[name].columns)


@pytest.mark.parametrize("name", sorted(TABLES))
def test_an_empty_warehouse_gives_empty_tables(con, name):
    assert compute(con, name).empty


def test_unknown_table_names_the_valid_ones(con):
    with pytest.raises(UnknownValueError) as caught:
        compute(con, "participation_by_planet")
    assert "participation_by_term" in str(caught.value)


def test_rows_sorted_by_term_order_not_alphabetically(con):
    w = WarehouseBuilder(con)
    for term in ("Fall 2018", "Spring 2018", "Winter 2019", "Summer 2018"):
        w.course(term, "A")
        w.enroll("a@x.org", term, "A")
    assert list(compute(con, "returning_by_term").term) == ["Spring 2018", "Summer 2018", "Fall 2018", "Winter 2019"]


def test_terms_present_include_terms_with_only_a_catalog(con):
    w = WarehouseBuilder(con)
    w.course("Fall 2020", "Z")
    w.course("Spring 2019", "A")
    w.enroll("a@x.org", "Spring 2019", "A", status="withdrawn")
    assert terms_present(con) == [Term(2019, 2), Term(2020, 4)]


def test_new_rows_are_counted_at_the_next_query(world):
    before = compute(world, "participation_by_term")
    WarehouseBuilder(world).enroll("new@x.org", "Spring 2019", "E", status="completed")
    after = compute(world, "participation_by_term")
    assert after.participants.tolist() == [
        p + (term == "Spring 2019") for term, p in zip(before.term, before.participants, strict=True)
    ]


def test_a_status_change_by_a_later_load_is_counted(world):
    # An import that changes rows in place records a batch, which is what tells the marts to rebuild.
    world.execute("update enrollments set status = 'withdrawn' where person_id = 'fay@x.org'")
    world.execute(
        "insert into import_batches (file_name, content_hash, kind, rows_read, loaded, rejected) "
        "values ('later.csv', 'abc', 'enrollments', 1, 1, 0)"
    )
    assert compute(world, "participation_by_term").participants.tolist() == [3, 3, 1]


def test_a_read_only_warehouse_reads_the_views_when_its_marts_are_stale(db_path, tmp_path):
    con = warehouse.connect(db_path)
    build_small_world(con)
    before = {name: rows(compute(con, name)) for name in TABLES}
    WarehouseBuilder(con).enroll("late@x.org", "Spring 2019", "E", status="completed")
    con.close()
    # the same data with its marts rebuilt: what every table must say
    fresh_copy = tmp_path / "fresh.duckdb"
    shutil.copyfile(db_path, fresh_copy)
    writer = warehouse.connect(fresh_copy)
    try:
        expected = {name: compute(writer, name) for name in TABLES}
        expected_terms = terms_present(writer)
    finally:
        writer.close()
    reader = warehouse.connect(db_path, read_only=True)
    try:
        stamp, built_from = marts.stamps(reader)
        assert stamp != built_from and not marts.ensure_fresh(reader)  # stale, and cannot be rebuilt here
        for name in TABLES:
            pd.testing.assert_frame_equal(compute(reader, name), expected[name], check_exact=True)
        assert rows(compute(reader, "participation_by_term"))[-1] == ("Spring 2019", 1, 3, 3, 2, 1, 1, 2, 0)
        assert rows(compute(reader, "enrollment_status")) != before["enrollment_status"]
        assert terms_present(reader) == expected_terms
        assert [term.label for term in expected_terms] == ["Spring 2018", "Fall 2018", "Spring 2019"]
    finally:
        reader.close()


def test_sessions_in_threads_share_one_connection_safely(world):
    # Dashboard sessions are threads sharing one connection; the first queries after a change
    # race to rebuild the marts. Every thread must get the same, complete answer.
    WarehouseBuilder(world).enroll("late@x.org", "Spring 2019", "E", status="completed")
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: rows(compute(world, "participation_by_term")), range(8)))
    assert all(result == results[0] for result in results)
    assert results[0][-1] == ("Spring 2019", 1, 3, 3, 2, 1, 1, 2, 0)


def test_a_shared_number_stops_the_marts_rather_than_merging_people(world):
    compute(world, "participation_by_term")  # builds the marts
    marts.check_numbers(world.cursor())  # real keys: no error
    # Forge a second person with ann's number, as a hash collision would.
    world.execute(
        "insert into mart_course_staff select course_id, term_order, category, role, 'forged@x.org', sector, "
        "course_no, person_no from mart_course_staff where person_id = 'ann@x.org'"
    )
    with pytest.raises(AnalyticsError, match="share an internal number"):
        marts.check_numbers(world.cursor())


def test_a_rebuild_leaves_no_temporary_tables_behind(world):
    WarehouseBuilder(world).enroll("late@x.org", "Spring 2019", "E", status="completed")
    compute(world, "participation_by_term")  # rebuilds the marts, staging temporary copies
    assert world.execute("select count(*) from duckdb_tables() where temporary").fetchone() == (0,)
    assert world.execute("select count(*) from mart_state").fetchone() == (1,)


def test_patterned_addresses_that_collide_under_duckdb_hash_are_counted_apart(con):
    # DuckDB's hash() gives these two addresses one number; the marts must still see two people.
    build = WarehouseBuilder(con)
    build.course("Spring 2018", "C1", leaders=["lead@x.org"])
    build.enroll("load2133@school3.org", "Spring 2018", "C1")
    build.enroll("load2134@school4.org", "Spring 2018", "C1")
    frame = metrics.compute(con, "participation_by_term")
    assert frame["participants"].tolist() == [2]
