"""The audit can fail: textbook tables, and a release broken on purpose."""

from __future__ import annotations

import numpy as np
import pytest

from analytics.disclosure import audit_release, publish
from analytics.disclosure.lp import System, intervals, widths
from tests.disclosure_support import build_town


def _system(cells: list[list[int]], values: list[int], withheld: list[int], present=()) -> System:
    ptr = np.cumsum([0] + [len(c) for c in cells])
    published = np.ones(len(cells), dtype=bool)
    published[withheld] = False
    value = np.where(published, np.array(values, dtype=float), np.nan)
    flags = np.zeros(len(cells), dtype=bool)
    flags[list(present)] = True
    n_atoms = max(a for c in cells for a in c) + 1
    return System(n_atoms, ptr, np.concatenate(cells), published, value, flags, [])


# A 2 x 2 table with row, column and grand totals: cells a b / c d.
TWO_BY_TWO = [[0], [1], [2], [3], [0, 1], [2, 3], [0, 2], [1, 3], [0, 1, 2, 3]]
VALUES = [3, 20, 30, 40, 23, 70, 33, 60, 93]


def test_a_lone_withheld_cell_is_worked_back_from_its_totals():
    low, high = intervals(_system(TWO_BY_TWO, VALUES, [0]), np.array([0]))
    assert (low[0], high[0]) == (3, 3)


def test_complementary_cells_make_the_small_cell_an_interval():
    low, high = intervals(_system(TWO_BY_TWO, VALUES, [0, 1, 2, 3]), np.arange(4))
    # a can be anything from 0 to 23 (its row total), given the margins alone
    assert list(low) == [0, 0, 10, 37] and list(high) == [23, 23, 33, 60]


def test_one_complement_in_the_row_only_is_not_enough():
    # withholding a and b: row total 23 = a + b, but column totals give a = 33 - c exactly
    low, high = intervals(_system(TWO_BY_TWO, VALUES, [0, 1]), np.array([0, 1]))
    assert widths(low, high).tolist() == [0, 0]


def test_existence_raises_the_lower_end():
    low, high = intervals(_system(TWO_BY_TWO, VALUES, [0, 1, 2, 3], present=[0]), np.array([0]))
    assert (low[0], high[0]) == (1, 23)


def test_a_withheld_cell_under_no_equation_is_unbounded():
    cells = [[0], [0, 1]]
    low, high = intervals(_system(cells, [4, 9], [0, 1]), np.array([0]))
    assert high[0] == np.inf


@pytest.fixture
def town_release(con):
    build_town(con)
    return publish(con, k=5, p=3)


def test_the_published_release_passes_its_audit(con, town_release):
    report = audit_release(con)
    assert report.passed
    assert report.release_id == town_release.id
    assert report.narrowest is None or report.narrowest >= 3
    assert (report.tables["withheld"] > 0).any()


def test_a_release_with_one_withheld_cell_published_is_caught(con, town_release):
    """Publish, in the stored release, the true value of one complementary (not primary) cell."""
    from analytics.disclosure.model import build_model

    model, _ = build_model(con)
    classes = con.execute(
        "select class_no from release_classes where release_id = ? and withheld and shown", [town_release.id]
    ).fetchall()
    values = {c: int(model.class_value[c]) for (c,) in classes}
    complements = [c for c, v in values.items() if v >= 5]
    assert complements, "the town needs complementary suppression"
    caught = None
    for c in sorted(complements, key=values.get):
        con.execute(
            "update release_classes set withheld = false, value = ? where release_id = ? and class_no = ?",
            [values[c], town_release.id, c],
        )
        report = audit_release(con)
        con.execute(
            "update release_classes set withheld = true, value = null where release_id = ? and class_no = ?",
            [town_release.id, c],
        )
        if not report.passed:
            caught = report
            break
    # Greedy complements can be more than needed, but publishing some one back must break the rule.
    assert caught is not None
    assert (caught.disclosures["high"] - caught.disclosures["low"] < 3).all()
    assert audit_release(con).passed
