"""Proving many withheld counts wide enough at once: batch certificates, one programme per component.

Every feasible point of what a reader knows (published counts as equations, atoms at least 0,
existing rows at least 1, the link equations) gives each withheld count a value it could take;
two points whose values of a count lie P apart prove that count's range is at least P wide,
whatever the rest of the release says. So instead of two programmes per count, one programme per
component looks for a point that moves *many* withheld counts at once, away from a reference
point (itself feasible): maximise sum of w_c * t_c with t_c <= value_c(x) - value_c(reference) and
-P <= t_c <= P. With weights drawn at random, for any move and its opposite one of the two gains,
so the optimum moves whatever can move. Each pass keeps, per count, the smallest and the largest
value seen at any point; a count whose seen range is at least P is certified and leaves the
objective; the next pass starts from the last point with new weights. What stays uncertified after
the passes is decided by the exact programmes of ``lp`` (which also say what to withhold next).

Certificates never pass a count that the exact programmes would fail: every point is feasible, so
the seen range lies inside the exact one.
"""

from __future__ import annotations

import math

import highspy
import numpy as np

from analytics.disclosure import lp

_INF = highspy.kHighsInf
_TOL = 1e-7


def _constraint_rows(system: lp.System):
    """Rows that constrain: published counts (equal), withheld existing rows (at least 1), links (= 0)."""
    sizes = np.diff(system.class_ptr)
    rows, lower, upper = [], [], []
    for c in np.flatnonzero(sizes > 0):
        if system.published[c]:
            rows.append((system.atoms(c), None))
            lower.append(float(system.value[c]))
            upper.append(float(system.value[c]))
        elif system.present[c]:
            rows.append((system.atoms(c), None))
            lower.append(1.0)
            upper.append(_INF)
    for atoms, coefs in system.links:
        rows.append((atoms, coefs))
        lower.append(0.0)
        upper.append(0.0)
    return rows, lower, upper


def _solve(col_cost, col_lower, col_upper, row_lower, row_upper, starts, index, values):
    model = highspy.HighsLp()
    model.num_col_ = len(col_cost)
    model.num_row_ = len(row_lower)
    model.sense_ = highspy.ObjSense.kMaximize
    model.col_cost_ = np.asarray(col_cost, dtype=np.float64)
    model.col_lower_ = np.asarray(col_lower, dtype=np.float64)
    model.col_upper_ = np.asarray(col_upper, dtype=np.float64)
    model.row_lower_ = np.asarray(row_lower, dtype=np.float64)
    model.row_upper_ = np.asarray(row_upper, dtype=np.float64)
    model.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    model.a_matrix_.start_ = np.asarray(starts, dtype=np.int32)
    model.a_matrix_.index_ = np.asarray(index, dtype=np.int32)
    model.a_matrix_.value_ = np.asarray(values, dtype=np.float64)
    highs = lp._new_highs()
    highs.passModel(model)
    highs.run()
    if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    return np.asarray(highs.getSolution().col_value, dtype=np.float64)


class _Component:
    def __init__(self, atoms: np.ndarray, rows, lower, upper) -> None:
        self.atoms = atoms
        local = np.full(int(atoms.max()) + 1, -1, dtype=np.int64)
        local[atoms] = np.arange(len(atoms))
        self.local = local
        starts, index, values = [0], [], []
        for r_atoms, coefs in rows:
            index.append(local[r_atoms])
            values.append(np.ones(len(r_atoms)) if coefs is None else np.asarray(coefs, dtype=np.float64))
            starts.append(starts[-1] + len(r_atoms))
        self.starts = np.asarray(starts, dtype=np.int64)
        self.index = np.concatenate(index) if index else np.zeros(0, dtype=np.int64)
        self.values = np.concatenate(values) if values else np.zeros(0)
        self.lower = np.asarray(lower, dtype=np.float64)
        self.upper = np.asarray(upper, dtype=np.float64)

    def satisfied(self, x: np.ndarray) -> bool:
        """Whether x agrees with every row (a reference point is used only then)."""
        if (x < 0).any():
            return False
        sums = np.add.reduceat(x[self.index] * self.values, self.starts[:-1]) if len(self.index) else np.zeros(0)
        sums = np.where(np.diff(self.starts) > 0, sums, 0.0)
        return bool(((sums >= self.lower - 1e-6) & (sums <= self.upper + 1e-6)).all())

    def feasible_point(self) -> np.ndarray | None:
        n = len(self.atoms)
        return _solve(
            np.zeros(n), np.zeros(n), np.full(n, _INF), self.lower, self.upper, self.starts, self.index, self.values
        )

    def push(self, targets: list[np.ndarray], ref_values: np.ndarray, weights: np.ndarray, p: float):
        """A feasible point moving the targets' sums away from their reference values (see the module)."""
        n, m = len(self.atoms), len(targets)
        starts = list(self.starts)
        index = [self.index]
        values = [self.values]
        end = starts[-1]
        for j, atoms in enumerate(targets):
            # t_j - sum(x over the target's atoms) <= -reference value
            index.append(np.concatenate(([n + j], self.local[atoms])))
            values.append(np.concatenate(([1.0], -np.ones(len(atoms)))))
            end += len(atoms) + 1
            starts.append(end)
        cost = np.concatenate((np.zeros(n), weights))
        col_lower = np.concatenate((np.zeros(n), np.full(m, -p)))
        col_upper = np.concatenate((np.full(n, _INF), np.full(m, p)))
        row_lower = np.concatenate((self.lower, np.full(m, -_INF)))
        row_upper = np.concatenate((self.upper, -ref_values))
        solution = _solve(
            cost, col_lower, col_upper, row_lower, row_upper, starts, np.concatenate(index), np.concatenate(values)
        )
        return None if solution is None else solution[:n]


def certify(
    system: lp.System,
    targets: np.ndarray,
    p: int,
    *,
    reference: np.ndarray | None = None,
    passes: int = 25,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(low, high, certified) per target: the smallest and largest value seen at feasible points
    (whole numbers, rounded inward), and whether they lie at least ``p`` apart.

    ``reference``: a feasible point (the atoms' true sizes while protecting); without one, each
    component's first point comes from a feasibility programme. A target summing an atom that no
    constraint holds is unbounded above (high = inf) and certified without a programme."""
    targets = np.asarray(targets, dtype=np.int64)
    low = np.full(len(targets), np.nan)
    high = np.full(len(targets), np.nan)
    done = np.zeros(len(targets), dtype=bool)
    if not len(targets):
        return low, high, done
    rows, lower, upper = _constraint_rows(system)
    pinned = np.zeros(system.n_atoms, dtype=bool)
    for r_atoms, _ in rows:
        pinned[r_atoms] = True
    label = lp.components(system.n_atoms, [r for r, _ in rows])
    by_label: dict[int, list[int]] = {}
    for i, (r_atoms, _) in enumerate(rows):
        by_label.setdefault(int(label[r_atoms[0]]), []).append(i)
    rng = np.random.default_rng(seed)
    work: dict[int, list[int]] = {}
    for t, c in enumerate(targets):
        atoms = system.atoms(int(c))
        if not len(atoms):
            low[t] = high[t] = 0.0  # sums nothing: always 0
            continue
        if not pinned[atoms].all():
            high[t] = math.inf
            low[t] = 0.0
            done[t] = True
            continue
        labels = np.unique(label[atoms])
        if len(labels) > 1:
            continue  # spans components: left to the exact programmes
        work.setdefault(int(labels[0]), []).append(t)
    for lab, ts in work.items():
        row_ids = by_label.get(lab, [])
        comp_atoms = np.flatnonzero(label == lab)
        comp = _Component(
            comp_atoms, [rows[i] for i in row_ids], [lower[i] for i in row_ids], [upper[i] for i in row_ids]
        )
        point = None
        if reference is not None and comp.satisfied(reference[comp_atoms].astype(np.float64)):
            point = reference[comp_atoms].astype(np.float64)
        if point is None:
            point = comp.feasible_point()
        if point is None:
            continue
        target_atoms = [system.atoms(int(targets[t])) for t in ts]
        lo, hi = _seen_ranges(comp, point, target_atoms, p, passes, rng)
        for j, t in enumerate(ts):
            low[t] = math.ceil(lo[j] - 1e-6)
            high[t] = math.floor(hi[j] + 1e-6)
            done[t] = high[t] - low[t] >= p
    return low, high, done


def _seen_ranges(comp: _Component, point: np.ndarray, target_atoms: list[np.ndarray], p: int, passes: int, rng):
    """The smallest and largest value of each target seen over the passes (see the module)."""

    def values_at(x: np.ndarray, chosen: list[int]) -> np.ndarray:
        return np.array([x[comp.local[target_atoms[j]]].sum() for j in chosen])

    everyone = list(range(len(target_atoms)))
    lo = values_at(point, everyone)
    hi = lo.copy()
    left = everyone
    for _pass in range(passes):
        if not left:
            break
        weights = rng.uniform(0.5, 1.5, size=len(left))
        moved = comp.push([target_atoms[j] for j in left], values_at(point, left), weights, float(p))
        if moved is None:
            break
        point = np.maximum(moved, 0.0)
        seen = values_at(point, everyone)
        lo, hi = np.minimum(lo, seen), np.maximum(hi, seen)
        still = [j for j in left if math.floor(hi[j] + 1e-6) - math.ceil(lo[j] - 1e-6) < p]
        if len(left) - len(still) < max(1, 0.03 * len(left)):
            break  # the passes have stopped paying: the exact programmes take the rest
        left = still
    return lo, hi
