"""Properties of suppression on generated tables: nothing small shown, nothing withheld recoverable."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics.exports.suppression import suppress, suppress_tables
from analytics.metrics.spec import TABLES
from analytics.vocab import Term

TERMS = [Term(2017 + i // 3, (2, 3, 4)[i % 3]).label for i in range(12)]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def term_tables(draw):
    """participation_by_term and participation_by_sector frames that add up, and a threshold."""
    n_terms = draw(st.integers(1, 5))
    term_rows, sector_rows = [], []
    for term in TERMS[:n_terms]:
        parts = []
        for sector in draw(st.lists(st.sampled_from(["district", "charter", "catholic"]), min_size=1, unique=True)):
            new, ret = draw(st.integers(0, 30)), draw(st.integers(0, 30))
            extra = draw(st.integers(0, 5))
            if new + ret:
                parts.append((sector, new + ret + extra, new + ret, new, ret))
        if not parts:
            continue
        sector_rows += [(term, *p) for p in parts]
        totals = [sum(p[i] for p in parts) for i in range(1, 5)]
        term_rows.append((term, 3, *totals, 5, draw(st.integers(0, 25)), draw(st.integers(0, 12))))
    by_term = pd.DataFrame(term_rows, columns=list(TABLES["participation_by_term"].columns))
    by_sector = pd.DataFrame(sector_rows, columns=list(TABLES["participation_by_sector"].columns))
    return by_term, by_sector, draw(st.integers(2, 15))


@st.composite
def pipelines(draw):
    """leader_pipeline frames whose running totals add up, and a threshold."""
    rows, led, mentored = [], 0, 0
    for term in TERMS[: draw(st.integers(1, 8))]:
        new = draw(st.integers(0, 20))
        leaders = new + draw(st.integers(0, 15)) if led else new
        new_mentors = draw(st.integers(0, 8))
        mentors = new_mentors + draw(st.integers(0, 6)) if mentored else new_mentors
        led, mentored = led + new, mentored + new_mentors
        rows.append((term, draw(st.integers(20, 300)), leaders, mentors, new, min(leaders, 5), led, mentored))
    return pd.DataFrame(rows, columns=list(TABLES["leader_pipeline"].columns)), draw(st.integers(2, 15))


def assert_no_small_count_shown(frame, spec, k):
    for col in spec.person_counts:
        shown = pd.to_numeric(frame[col], errors="coerce").dropna()
        assert not ((shown >= 1) & (shown < k)).any(), f"{col} shows a count from 1 to {k - 1}"


def assert_sums_never_one_withheld(mask, spec):
    for total, parts in spec.sums:
        withheld = mask[[total, *parts]].sum(axis=1)
        assert not (withheld == 1).any(), f"a lone withheld cell in {total} = {' + '.join(parts)}"


@SETTINGS
@given(term_tables())
def test_term_and_sector_tables(case):
    by_term, by_sector, k = case
    together = suppress_tables({"participation_by_term": by_term, "participation_by_sector": by_sector}, k)
    for name, original in (("participation_by_term", by_term), ("participation_by_sector", by_sector)):
        spec, result = TABLES[name], together[name]
        assert_no_small_count_shown(result.frame, spec, k)
        assert_sums_never_one_withheld(result.mask, spec)
        for col in spec.person_counts:  # zero stays zero
            assert (result.frame[col][original[col] == 0] == 0).all()
        shown = ~result.mask[list(spec.measures)]
        values = original[list(spec.measures)]
        assert (result.frame[list(spec.measures)][shown].fillna(-1) == values[shown].fillna(-1)).all().all()
    # no withheld sector cell is a term total minus the shown sector cells
    term_result, sector_result = together["participation_by_term"], together["participation_by_sector"]
    for col in ("enrollments", "participants", "new_participants", "returning_participants"):
        for i, term in enumerate(by_term["term"]):
            rows = by_sector.index[by_sector["term"] == term]
            hidden = sector_result.mask.loc[rows, col].sum() + int(term_result.mask[col].iloc[i])
            assert hidden != 1, f"{term} {col}: one withheld cell against a shown total"


@SETTINGS
@given(pipelines())
def test_leader_pipeline_running_totals(case):
    frame, k = case
    spec = TABLES["leader_pipeline"]
    result = suppress(frame, spec, k)
    assert_no_small_count_shown(result.frame, spec, k)
    # independent check: solve the running-total equations for every withheld small new_leaders
    cells = [("c", i) for i in range(len(frame))] + [("n", i) for i in range(len(frame))] + [("l", 0)]
    value = {("c", i): frame["cumulative_leaders"][i] for i in range(len(frame))}
    value |= {("n", i): frame["new_leaders"][i] for i in range(len(frame))} | {("l", 0): frame["leaders"][0]}
    column = {"c": "cumulative_leaders", "n": "new_leaders", "l": "leaders"}
    hidden = [c for c in cells if result.mask[column[c[0]]].iloc[c[1]]]
    equations = [{("c", 0): 1, ("n", 0): -1}, {("c", 0): 1, ("l", 0): -1}]
    equations += [{("c", i): 1, ("c", i - 1): -1, ("n", i): -1} for i in range(1, len(frame))]
    if not hidden:
        return
    matrix = np.array([[eq.get(c, 0) for c in hidden] for eq in equations], dtype=float)
    _, singular, vt = np.linalg.svd(matrix)
    null_space = vt[int((singular > 1e-9).sum()) :]
    for j, cell in enumerate(hidden):
        small = 1 <= value[cell] < k
        if small:  # a free direction must move this cell, or its value is fixed by what is shown
            assert null_space.shape[0] and np.abs(null_space[:, j]).max() > 1e-9, f"{cell} can be worked out"
    # a running total without a step column: consecutive shown mentors totals never differ by 1..k-1
    mentors = result.frame["cumulative_mentors"].tolist()
    previous = 0 if not result.mask["cumulative_mentors"].iloc[0] else None
    for i, value_now in enumerate(mentors):
        if pd.isna(value_now):
            previous = None
            continue
        if previous is not None and i > 0:
            assert not 1 <= value_now - previous < k
        previous = value_now
