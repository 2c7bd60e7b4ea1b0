"""Every answer of the acceptance set (tests/fixtures/acceptance/answers) from a fresh import.

The exports load as the set's README says: every file but the final spring 2020
export, then that one (a newer export of the same records), then the first files
again (same content, so nothing changes). ``NAME@sector=charter.csv`` is table
NAME with that one filter. Rows may come in any order.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analytics import warehouse
from analytics.filters import Filters
from analytics.ingest import ingest_files
from analytics.metrics import TABLES, compute

ACCEPTANCE = Path(__file__).parent / "fixtures" / "acceptance"
ANSWERS = sorted((ACCEPTANCE / "answers").glob("*.csv"))
FINAL = "enrollments_spring_2020_final.csv"


@pytest.fixture(scope="module")
def acceptance_con(tmp_path_factory):
    con = warehouse.connect(tmp_path_factory.mktemp("acceptance") / "warehouse.duckdb")
    first = sorted(p for p in (ACCEPTANCE / "exports").glob("*.csv") if p.name != FINAL)
    results = ingest_files(con, first)
    assert sum(r.rejected for r in results) == 9  # the README's three bad rows in each of three files
    ingest_files(con, [ACCEPTANCE / "exports" / FINAL])
    ingest_files(con, first)
    yield con
    con.close()


def _filters(spec: str) -> Filters:
    if not spec:
        return Filters()
    what, value = spec.split("=")
    return Filters.parse(sectors=[value]) if what == "sector" else Filters.parse(categories=[value])


def test_every_answer_file_names_a_table():
    assert ANSWERS, "the acceptance answers are missing"
    assert {path.stem.partition("@")[0] for path in ANSWERS} <= set(TABLES)


@pytest.mark.parametrize("answer", ANSWERS, ids=lambda p: p.stem)
def test_answer_matches(acceptance_con, answer):
    name, _, spec = answer.stem.partition("@")
    got = compute(acceptance_con, name, _filters(spec))
    expected = pd.read_csv(answer)
    assert list(got.columns) == list(expected.columns)
    keys = list(TABLES[name].keys)
    got = got.sort_values(keys).reset_index(drop=True)
    expected = expected.sort_values(keys).reset_index(drop=True)
    assert got[keys].astype(str).values.tolist() == expected[keys].astype(str).values.tolist()
    for column in TABLES[name].measures:
        # The answers are rounded as docs/METRICS.md says; so are ours. Blank is NaN on both sides.
        pd.testing.assert_series_equal(
            got[column].astype(float), expected[column].astype(float), check_names=False, obj=f"{name}.{column}"
        )
