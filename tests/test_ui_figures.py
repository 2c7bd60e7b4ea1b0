"""Figures built once per process for the same numbers (ui.figures), and cache keys that outlive snapshots.

Under ``make serve`` every session reading one published view asks for the same
figures; building them is most of a page run. The cache must never hand out a figure
for other numbers, so these tests change one number, one label, one type, and one row
of a frame too large for Streamlit's own (sampling) hasher.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analytics import warehouse
from analytics.charts import registry
from analytics.serve import replica
from ui import data, figures
from ui.figures import _built, fingerprint

ANSWERS = Path(__file__).parent / "fixtures" / "acceptance" / "answers"


def answer(name: str) -> pd.DataFrame:
    return pd.read_csv(ANSWERS / f"{name}.csv")


def traces(figure) -> list:
    return [list(trace.y) for trace in figure.data]


@pytest.fixture(autouse=True)
def empty_cache():
    _built.clear()
    yield
    _built.clear()


def test_the_same_numbers_give_the_same_figure_built_once(monkeypatch):
    calls = []
    real = registry.draw
    monkeypatch.setattr(registry, "draw", lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    frame = answer("participation_by_sector")
    first = figures.draw("participation_by_sector", frame)
    again = figures.draw("participation_by_sector", frame.copy())  # another object, the same numbers
    assert again is first and calls == ["participation_by_sector"]
    assert first.to_json() == real("participation_by_sector", frame).to_json()  # what the chart function draws
    figures.draw("participation_by_sector", frame, measure="enrollments")  # another option: another figure
    figures.draw("returning_by_term", answer("returning_by_term"))
    assert len(calls) == 3


def test_goals_are_part_of_the_key():
    by_term = answer("participation_by_term")
    goals = pd.DataFrame({"metric": ["participants"], "period": ["Spring 2018"], "target": [300]})
    plain = figures.draw("growth_since_pilot", by_term, goals=None)
    marked = figures.draw("growth_since_pilot", by_term, goals=goals)
    assert marked is not plain
    assert marked.to_json() == registry.draw("growth_since_pilot", by_term, goals=goals).to_json()


def test_a_changed_number_label_or_type_is_another_figure():
    frame = answer("participation_by_sector")
    first = figures.draw("participation_by_sector", frame)
    changed = frame.copy()
    changed.loc[0, "participants"] += 1
    relabelled = frame.copy()
    relabelled.loc[0, "term"] = "Fall 2031"
    for other in (changed, relabelled, frame.astype({"participants": "float64"})):
        figure = figures.draw("participation_by_sector", other)
        assert figure is not first
        assert figure.to_json() == registry.draw("participation_by_sector", other).to_json()
    assert traces(figures.draw("participation_by_sector", changed)) != traces(first)


def test_the_fingerprint_reads_every_row_of_a_large_frame():
    # Streamlit hashes a sample of 10,000 rows from frames of 50,000 rows or more.
    rng = np.random.default_rng(7)
    big = pd.DataFrame({"term": ["Fall 2020"] * 80_000, "participants": rng.integers(0, 100, 80_000)})
    for row in (0, 41_234, 79_999):
        other = big.copy()
        other.loc[row, "participants"] += 1
        assert fingerprint(other) != fingerprint(big), row
    assert fingerprint(big.copy()) == fingerprint(big)
    assert fingerprint([big, {"period": "year"}]) != fingerprint([big, {"period": "term"}])


def test_under_make_serve_the_cache_key_is_one_name_for_every_snapshot(monkeypatch, tmp_path):
    writer = tmp_path / "warehouse.duckdb"
    monkeypatch.setenv("ANALYTICS_DB", str(writer))
    monkeypatch.setenv(replica.SERVE_ENV, "1")
    for number in (1, 2):  # two snapshots, as an import and a publish leave them
        snapshot = str(tmp_path / "warehouse.duckdb.snapshots" / f"{number:06d}.duckdb")
        monkeypatch.setattr(replica, "snapshot_for_this_run", lambda db, path=snapshot: path)
        assert warehouse.db_path() == snapshot  # queries read the pinned snapshot
        assert data.source() == str(writer)  # caches are keyed by the warehouse, with its data version or release
    monkeypatch.setenv(replica.SERVE_ENV, "0")
    assert data.source() == warehouse.db_path() == str(writer)  # make run: one file, one name
