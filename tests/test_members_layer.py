"""The members layer (analytics/sql/staging/13_*.sql to 22_*.sql): who counts is written once.

The metric queries count its rows and the membership queries of releases list them, so a filter
condition is never written out in either, and the layer reads the views exactly as it reads the
marts when the marts cannot be brought up to date.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from analytics.disclosure import model
from analytics.disclosure.tables import RELEASE_TABLES
from analytics.filters import Filters
from analytics.metrics import TABLES, compute, layer, marts

SQL = Path(__file__).resolve().parent.parent / "analytics" / "sql"
MACROS = re.compile(r"create or replace macro (\w+)\([^)]*\) as table", re.IGNORECASE)
MEMBER_MACROS = {name for path in (SQL / "staging").glob("*.sql") for name in MACROS.findall(path.read_text())}
# Read straight from a mart: the status counts (every enrollment, any status), not members.
NOT_MEMBERS = {"enrollment_status.sql"}


def _queries(folder: str) -> list[Path]:
    return sorted(p for p in (SQL / folder).glob("*.sql") if p.name not in NOT_MEMBERS)


def test_the_layer_is_there():
    assert {"counted_course_sectors", "counted_participants", "cohort_members", "counted_staff"} <= MEMBER_MACROS


@pytest.mark.parametrize(
    "path", _queries("metrics") + _queries("disclosure"), ids=lambda p: p.parent.name + "/" + p.name
)
def test_every_metric_and_membership_query_counts_members_of_the_layer(path):
    text = path.read_text()
    assert any(f"{name}($layer" in text for name in MEMBER_MACROS), f"{path.name} reads no members macro"
    # the filters are the layer's: no query spells a filter condition again
    assert "list_contains" not in text
    assert "$sectors is null" not in text


@pytest.mark.parametrize(
    "path",
    sorted((SQL / "metrics").glob("*.sql"))
    + sorted((SQL / "disclosure").glob("*.sql"))
    + sorted(SQL.glob("staging/*.sql")),
    ids=lambda p: p.parent.name + "/" + p.name,
)
def test_no_query_names_a_mart_or_a_view_it_could_read_through_the_layer(path):
    """Marts or views is one bound prefix ($layer, read with query_table), never a name in the text."""
    code = "\n".join(line.split("--")[0] for line in path.read_text().splitlines())
    for name in marts.MART_NAMES:
        assert f"mart_{name}" not in code, f"{path.name} names mart_{name}"
        if path.parent.name != "staging":
            assert f"stg_{name}" not in code, f"{path.name} names stg_{name}"


def test_bind_gives_a_query_only_the_parameters_it_names():
    params = Filters(sectors=("charter",)).params()
    assert layer.bind(
        "select 1 from counted_participants($layer, $sectors, $categories, $term_from, $term_to)", params, fresh=True
    ) == {**params, "layer": "mart_"}
    assert layer.bind("select $sectors", params, fresh=False) == {"sectors": ["charter"]}
    assert layer.bind("from counted_staff($layer, null, null, null, null)", {}, fresh=False) == {"layer": "stg_"}


FILTERS = [
    Filters(),
    Filters.parse(sectors=["charter"], term_from="Fall 2018"),
    Filters.parse(categories=["all_learners"]),
]


@pytest.mark.parametrize("filters", FILTERS, ids=["none", "sector_from", "strand"])
def test_the_views_give_every_table_as_the_marts_do(world, monkeypatch, filters):
    from_marts = {name: compute(world, name, filters) for name in TABLES}
    assert sum(len(frame) for frame in from_marts.values()) > len(TABLES)
    monkeypatch.setattr(marts, "ensure_fresh", lambda _con: False)
    for name in TABLES:
        pd.testing.assert_frame_equal(compute(world, name, filters), from_marts[name], check_exact=True)


def test_the_views_give_every_release_member_as_the_marts_do(world, monkeypatch):
    from_marts, _ = model.build_model(world)
    assert set(RELEASE_TABLES) <= set(from_marts.cells["table"])
    monkeypatch.setattr(marts, "ensure_fresh", lambda _con: False)
    from_views, _ = model.build_model(world)
    pd.testing.assert_frame_equal(from_views.cells, from_marts.cells, check_exact=True)
    assert from_views.atom_size.tolist() == from_marts.atom_size.tolist()
