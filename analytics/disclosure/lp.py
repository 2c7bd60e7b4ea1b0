"""How far a reader can narrow each withheld count: linear programmes solved with HiGHS.

What a reader knows is a ``System``: every published count is the sum of its atoms, atoms are at
least 0, every withheld count that marks a row's existence is at least 1, and the link equations
between people and enrollments hold. For a withheld count, the smallest and the largest value its
atoms can sum to under those constraints bound what any arithmetic on the release can tell. The
atoms split into independent components (no constraint joins two); each component is one HiGHS
model, re-solved with a new objective for every withheld count in it (warm start from the last basis).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import highspy
import numpy as np

_INF = highspy.kHighsInf
_TOL = 1e-6


@dataclass
class System:
    n_atoms: int
    class_ptr: np.ndarray
    class_atoms: np.ndarray
    published: np.ndarray  # bool per class
    value: np.ndarray  # float per class (NaN where withheld)
    present: np.ndarray  # bool per class: at least 1 (the row it is on exists)
    links: list[tuple[np.ndarray, np.ndarray]]

    def atoms(self, c: int) -> np.ndarray:
        return self.class_atoms[self.class_ptr[c] : self.class_ptr[c + 1]]


def _rows(system: System) -> tuple[list[np.ndarray], list[np.ndarray], list[float], list[float]]:
    atoms, coefs, lower, upper = [], [], [], []
    for c in range(len(system.published)):
        members = system.atoms(c)
        if not len(members):
            continue
        if system.published[c]:
            atoms.append(members)
            coefs.append(np.ones(len(members)))
            lower.append(float(system.value[c]))
            upper.append(float(system.value[c]))
        elif system.present[c]:
            atoms.append(members)
            coefs.append(np.ones(len(members)))
            lower.append(1.0)
            upper.append(_INF)
    for link_atoms, link_coefs in system.links:
        atoms.append(link_atoms)
        coefs.append(link_coefs)
        lower.append(0.0)
        upper.append(0.0)
    return atoms, coefs, lower, upper


def components(n_atoms: int, rows: list[np.ndarray]) -> np.ndarray:
    """A component label per atom: atoms joined through any row share a label."""
    label = np.arange(n_atoms, dtype=np.int64)
    if not rows:
        return label
    flat = np.concatenate(rows)
    lengths = np.array([len(r) for r in rows])
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    owner = np.repeat(np.arange(len(rows)), lengths)
    while True:
        row_min = np.minimum.reduceat(label[flat], starts)
        before = label.copy()
        np.minimum.at(label, flat, row_min[owner])
        label = label[label]  # pointer jumping: follow labels to their own labels
        while not np.array_equal(label, label[label]):
            label = label[label]
        if np.array_equal(before, label):
            return label


class _Component:
    """One HiGHS model over the atoms of one component, re-used for every objective."""

    def __init__(self, atoms: np.ndarray, rows: list[int], all_rows) -> None:
        row_atoms, row_coefs, lower, upper = all_rows
        self.local = {int(a): i for i, a in enumerate(atoms)}
        starts, index, value = [0], [], []
        for r in rows:
            index.extend(self.local[int(a)] for a in row_atoms[r])
            value.extend(row_coefs[r])
            starts.append(len(index))
        lp = highspy.HighsLp()
        lp.num_col_ = len(atoms)
        lp.num_row_ = len(rows)
        lp.col_cost_ = np.zeros(len(atoms))
        lp.col_lower_ = np.zeros(len(atoms))
        lp.col_upper_ = np.full(len(atoms), _INF)
        lp.row_lower_ = np.array([lower[r] for r in rows], dtype=np.float64)
        lp.row_upper_ = np.array([upper[r] for r in rows], dtype=np.float64)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
        lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
        lp.a_matrix_.value_ = np.array(value, dtype=np.float64)
        self.highs = highspy.Highs()
        self.highs.setOptionValue("output_flag", False)
        # Only the objective changes between solves, so the last basis stays feasible: the primal
        # simplex re-starts from it (the dual simplex would start over, ~30x slower here).
        self.highs.setOptionValue("simplex_strategy", 4)
        self.highs.passModel(lp)
        self.costed: np.ndarray = np.zeros(0, dtype=np.int32)

    def bound(self, atoms: np.ndarray, maximise: bool) -> float:
        """The smallest (largest) sum of ``atoms`` over the component's feasible region."""
        idx = np.array([self.local[int(a)] for a in atoms], dtype=np.int32)
        if len(self.costed):
            self.highs.changeColsCost(len(self.costed), self.costed, np.zeros(len(self.costed)))
        self.highs.changeColsCost(len(idx), idx, np.ones(len(idx)))
        self.costed = idx
        sense = highspy.ObjSense.kMaximize if maximise else highspy.ObjSense.kMinimize
        self.highs.changeObjectiveSense(sense)
        self.highs.run()
        status = self.highs.getModelStatus()
        if status == highspy.HighsModelStatus.kOptimal:
            return float(self.highs.getInfo().objective_function_value)
        if maximise and status in (
            highspy.HighsModelStatus.kUnbounded,
            highspy.HighsModelStatus.kUnboundedOrInfeasible,
        ):
            return math.inf
        # Infeasible or a numerical failure: report the narrowest interval possible, so it fails the rule.
        return math.nan


def intervals(
    system: System, targets: np.ndarray, truth: np.ndarray | None = None, p: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """(smallest, largest) whole value each target class can take; NaN where the model failed to solve.

    With ``truth`` (each target's true value, known while protecting, never stored), a target whose
    largest value is already ``p`` above the truth is not minimised: its low end is reported as
    the truth, an interval narrower than the real one but wide enough for the rule.
    """
    all_rows = _rows(system)
    label = components(system.n_atoms, all_rows[0])
    by_component: dict[int, list[int]] = {}
    for r, atoms in enumerate(all_rows[0]):
        by_component.setdefault(int(label[atoms[0]]), []).append(r)
    low = np.zeros(len(targets))
    high = np.zeros(len(targets))
    # each target's atoms, split by component: bounds of a sum of independent parts add up
    pieces: dict[int, list[tuple[int, np.ndarray]]] = {}
    for t, c in enumerate(targets):
        atoms = system.atoms(int(c))
        labels = label[atoms]
        for lab in np.unique(labels):
            pieces.setdefault(int(lab), []).append((t, atoms[labels == lab]))
    parts_of: dict[int, int] = {}
    for parts in pieces.values():
        for t, _ in parts:
            parts_of[t] = parts_of.get(t, 0) + 1
    parts_of = {t: [None] * n for t, n in parts_of.items()}
    for lab, parts in pieces.items():
        rows = by_component.get(lab)
        if rows is None:  # atoms under no constraint at all: anything from 0 up
            for t, _ in parts:
                high[t] = math.inf
            continue
        comp_atoms = np.flatnonzero(label == lab)
        model = _Component(comp_atoms, rows, all_rows)
        for t, atoms in parts:
            high[t] += model.bound(atoms, maximise=True)
            if truth is not None and len(parts_of[t]) == 1 and high[t] - truth[t] >= p:
                low[t] += truth[t]
            else:
                low[t] += model.bound(atoms, maximise=False)
    with np.errstate(invalid="ignore"):
        low = np.where(np.isnan(low), np.nan, np.ceil(low - _TOL))
        high = np.where(np.isnan(high), np.nan, np.floor(high + _TOL))
    return low, high


def widths(low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """high - low, with a failed solve counted as width 0 (a disclosure, never a pass)."""
    out = high - low
    return np.where(np.isnan(out), 0.0, out)
