"""Choosing all the complementary cells of one withheld count with one linear programme.

For a withheld count s, look for a change d of the atoms (each atom stays at least 0, every
existing row at least 1, the links hold) that moves s by P (up, or else down) and changes the
published counts as little as possible, each weighted by what withholding it costs. Every
published count that the cheapest such change moves is withheld; the point truth + d then agrees
with everything still published, so after withholding them s can be P away from its true value:
protected, in one step and for good (withholding more only widens ranges). The complements
themselves are withheld counts too, and go through the same step.

One HiGHS model per component of atoms; only the moved count's bounds and the costs of newly
withheld counts change between solves, so each solve restarts from the last basis.

Columns: one per atom (its change, at least minus its size) and, per count, the change split in
two (up, down), both at least 0. Rows: per count, its atoms' changes minus up plus down = 0;
per link, its weighted sum of changes = 0.
"""

from __future__ import annotations

import highspy
import numpy as np

from analytics.disclosure import lp

_INF = highspy.kHighsInf
_TOL = 1e-6


class ComplementModel:
    """The programme over one component: atoms ``atoms`` and the classes ``classes`` on them.

    Only counts that constrain the change get a row: published ones (moving them costs), those
    never withheld (cannot move), withheld ones marking an existing row (keep at least 1). The
    count being moved has its own last row, whose coefficients are set for each solve."""

    def __init__(self, system, atoms, classes, truth, cost, fixed, present) -> None:
        self.system = system
        self.present = present
        self.cost = cost
        self.fixed = fixed
        self.truth = truth
        n = len(atoms)
        self.n = n
        self.local = np.full(system.n_atoms, -1, dtype=np.int64)
        self.local[atoms] = np.arange(n)
        rowed = classes[system.published[classes] | fixed[classes] | present[classes]]
        self.classes = rowed
        m = len(rowed)
        self.m = m
        self.col_of = {int(c): j for j, c in enumerate(rowed)}
        sizes = np.diff(system.class_ptr)[rowed]
        member = self.local[system.class_atoms[_ranges(system.class_ptr, rowed)]]
        row = np.repeat(np.arange(m), sizes)
        cols = np.concatenate((member, n + 2 * np.arange(m), n + 2 * np.arange(m) + 1))
        rows = np.concatenate((row, np.arange(m), np.arange(m)))
        vals = np.concatenate((np.ones(len(member)), -np.ones(m), np.ones(m)))
        n_rows = m
        for link_atoms, coefs in system.links:
            inside = self.local[link_atoms]
            hit = inside >= 0
            if hit.any():
                rows = np.concatenate((rows, np.full(int(hit.sum()), n_rows)))
                cols = np.concatenate((cols, inside[hit]))
                vals = np.concatenate((vals, np.asarray(coefs, dtype=np.float64)[hit]))
                n_rows += 1
        self.target_row = n_rows
        n_rows += 1
        order = np.lexsort((cols, rows))
        rows, cols, vals = rows[order], cols[order], vals[order]
        starts = np.searchsorted(rows, np.arange(n_rows + 1))
        self.col_cost = np.zeros(n + 2 * m)
        self.col_upper = np.full(n + 2 * m, _INF)
        for j, c in enumerate(rowed):
            self._set_class(j, int(c), self.col_cost, self.col_upper)
        model = highspy.HighsLp()
        model.num_col_ = n + 2 * m
        model.num_row_ = n_rows
        model.col_cost_ = self.col_cost
        model.col_lower_ = np.concatenate((-truth[atoms].astype(np.float64), np.zeros(2 * m)))
        model.col_upper_ = self.col_upper
        row_lower = np.zeros(n_rows)
        row_upper = np.zeros(n_rows)
        row_lower[self.target_row], row_upper[self.target_row] = -_INF, _INF
        model.row_lower_ = row_lower
        model.row_upper_ = row_upper
        model.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        model.a_matrix_.start_ = starts.astype(np.int32)
        model.a_matrix_.index_ = cols.astype(np.int32)
        model.a_matrix_.value_ = vals.astype(np.float64)
        self.highs = lp._new_highs()
        self.highs.passModel(model)

    def _bounds(self, c: int) -> tuple[float, float, float]:
        """(cost, up's upper bound, down's upper bound) of class c as things stand: a published
        count costs its weight to move; a withheld one moves free; a count never withheld cannot
        move; a row that exists keeps at least 1."""
        if self.fixed[c]:
            return 0.0, 0.0, 0.0
        cost = float(self.cost[c]) if self.system.published[c] else 0.0
        down = max(float(self.truth[self.system.atoms(c)].sum()) - 1.0, 0.0) if self.present[c] else _INF
        return cost, _INF, down

    def _set_class(self, j: int, c: int, col_cost: np.ndarray, col_upper: np.ndarray) -> None:
        cost, up, down = self._bounds(c)
        col_cost[self.n + 2 * j] = col_cost[self.n + 2 * j + 1] = cost
        col_upper[self.n + 2 * j] = up
        col_upper[self.n + 2 * j + 1] = down

    def refresh(self, c: int) -> None:
        """Class c changed status (withheld now): its cost and bounds follow."""
        j = self.col_of.get(int(c))
        if j is None:
            return
        self._set_class(j, int(c), self.col_cost, self.col_upper)
        cols = np.array([self.n + 2 * j, self.n + 2 * j + 1], dtype=np.int32)
        self.highs.changeColsCost(2, cols, self.col_cost[cols])
        self.highs.changeColsBounds(2, cols, np.zeros(2), self.col_upper[cols])

    def complements(self, s: int, up: float, down: float) -> tuple[np.ndarray, np.ndarray] | None:
        """(published classes to withhold, change of every atom of the component) for the cheapest
        change moving class s ``up`` above its true value, else ``down`` below it; None if neither
        exists. Truth plus the change agrees with everything published once those are withheld."""
        cols = self.local[self.system.atoms(int(s))]
        for col in cols:
            self.highs.changeCoeff(self.target_row, int(col), 1.0)
        found = None
        try:
            for move in (float(up), -float(down)):
                self.highs.changeRowBounds(self.target_row, move, move)
                self.highs.run()
                if self.highs.getModelStatus() == highspy.HighsModelStatus.kOptimal:
                    found = np.asarray(self.highs.getSolution().col_value)
                    break
        finally:
            self.highs.changeRowBounds(self.target_row, -_INF, _INF)
            for col in cols:
                self.highs.changeCoeff(self.target_row, int(col), 0.0)
        if found is None:
            return None
        moved = np.abs(found[self.n :: 2][: self.m]) + np.abs(found[self.n + 1 :: 2][: self.m])
        hit = self.classes[moved > _TOL]
        return hit[self.system.published[hit] & (hit != s)], found[: self.n]


def _ranges(ptr: np.ndarray, items: np.ndarray) -> np.ndarray:
    """Concatenated positions ptr[i]:ptr[i+1] for every i in items (CSR rows)."""
    starts, ends = ptr[items], ptr[items + 1]
    lengths = ends - starts
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    offsets = np.repeat(starts - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
    return offsets + np.arange(total)
