"""The SQL tables agree with the independent pandas reference (tests/reference_metrics.py).

On the acceptance exports, on the committed sample (data/sample) and on
hypothesis-generated warehouses, with and without filters.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from reference_metrics import Data, reference
from strategies import filters_strategy, planned_warehouse, warehouses

from analytics import warehouse
from analytics.filters import Filters
from analytics.ingest import ingest_files
from analytics.metrics import TABLES, compute

ROOT = Path(__file__).resolve().parent.parent
ACCEPTANCE = ROOT / "tests" / "fixtures" / "acceptance" / "exports"
SAMPLE = ROOT / "data" / "sample"
FILTERS = [
    Filters(),
    Filters.parse(sectors=["charter"]),
    Filters.parse(sectors=["district", "catholic"], categories=["culturally_proficient"]),
    Filters.parse(categories=["all_learners"], term_from="Fall 2018", term_to="Fall 2019"),
    Filters.parse(term_to="Spring 2019"),
]


def _loaded(tmp_path_factory, label: str, files: list[Path]):
    assert files, f"no {label} files to load"
    con = warehouse.connect(tmp_path_factory.mktemp(label) / "warehouse.duckdb")
    ingest_files(con, files)
    return con


# One unit in the last decimal docs/METRICS.md keeps: the two sides may round a tie differently.
_TOLERANCE = {"avg_rating": 0.01, "nps": 0.1, "median_terms_to_lead": 0.0}


def assert_same_table(got: pd.DataFrame, expected: pd.DataFrame, name: str) -> None:
    """Same rows (in any order), equal keys and counts, rates equal to within one rounding unit."""
    spec = TABLES[name]
    assert list(got.columns) == list(spec.columns) == list(expected.columns), name
    keys = list(spec.keys)
    left = got.sort_values(keys, na_position="last").reset_index(drop=True)
    right = expected.sort_values(keys, na_position="last").reset_index(drop=True)
    assert len(left) == len(right), f"{name}: {len(left)} rows, expected {len(right)}\n{left}\n{right}"
    for column in spec.columns:
        a, b = left[column], right[column]
        if column in keys:
            same = (a.astype(object).where(a.notna(), "<blank>") == b.astype(object).where(b.notna(), "<blank>")).all()
        else:
            a, b = a.astype(float).to_numpy(), b.astype(float).to_numpy()
            both_blank = np.isnan(a) & np.isnan(b)
            close = np.abs(a - b) <= _TOLERANCE.get(column, 1e-4) + 1e-9
            same = bool((both_blank | close).all())
        assert same, f"{name}.{column} differs:\n{pd.concat([left[keys], a_b(left, right, column)], axis=1)}"


def a_b(left: pd.DataFrame, right: pd.DataFrame, column: str) -> pd.DataFrame:
    return pd.DataFrame({f"{column} (sql)": left[column], f"{column} (reference)": right[column]})


@pytest.fixture(scope="module")
def acceptance(tmp_path_factory):
    con = _loaded(tmp_path_factory, "acceptance", sorted(ACCEPTANCE.glob("*.csv")))
    yield con, Data(con)
    con.close()


@pytest.fixture(scope="module")
def sample(sample_readonly):
    return sample_readonly, Data(sample_readonly)


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: f.describe())
@pytest.mark.parametrize("name", sorted(TABLES))
def test_acceptance_data(acceptance, name, filters):
    con, data = acceptance
    assert_same_table(compute(con, name, filters), reference(con, name, filters, data), name)


@pytest.mark.parametrize("filters", FILTERS[:3], ids=lambda f: f.describe())
@pytest.mark.parametrize("name", sorted(TABLES))
def test_sample_data(sample, name, filters):
    con, data = sample
    expected = reference(con, name, filters, data)
    assert not expected.empty, "the sample should exercise every table"
    assert_same_table(compute(con, name, filters), expected, name)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=warehouses(), filters=filters_strategy())
def test_generated_warehouses(plan, filters):
    con = planned_warehouse(plan)
    data = Data(con)
    for name in TABLES:
        assert_same_table(compute(con, name, filters), reference(con, name, filters, data), name)


def test_the_comparison_notices_a_wrong_count_and_a_wrong_rate(acceptance):
    con, data = acceptance
    table = compute(con, "returning_by_term")
    wrong_count = table.assign(participants=table.participants + (table.index == 2))
    with pytest.raises(AssertionError):
        assert_same_table(wrong_count, reference(con, "returning_by_term", None, data), "returning_by_term")
    wrong_rate = table.assign(returning_rate=table.returning_rate + 0.001)
    with pytest.raises(AssertionError):
        assert_same_table(wrong_rate, reference(con, "returning_by_term", None, data), "returning_by_term")
