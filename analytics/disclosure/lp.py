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
import os
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import highspy
import numpy as np

_INF = highspy.kHighsInf
_TOL = 1e-6
# Bounding this many counts or more in one call uses a second model on a second core, where the
# process may use one.
PARALLEL_MIN_TARGETS = 16
SOLVERS = min(2, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


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


def _bounds(system: System, c: int) -> tuple[float, float]:
    """A class's row: its value when published; at least 1 when withheld but marking a row; else free."""
    if system.published[c]:
        return float(system.value[c]), float(system.value[c])
    return (1.0, _INF) if system.present[c] else (-_INF, _INF)


def _rows(system: System) -> tuple[list[np.ndarray], list[np.ndarray], list[float], list[float], list[int]]:
    """One row per class with atoms, then the links: (atoms, coefficients, lower, upper, class or -1).

    Withheld classes keep a row (free, or at least 1) so that withholding one more later only
    changes a row's bounds: the models and their bases survive from one round to the next."""
    atoms, coefs, lower, upper, owner = [], [], [], [], []
    for c in range(len(system.published)):
        members = system.atoms(c)
        if not len(members):
            continue
        low, high = _bounds(system, c)
        atoms.append(members)
        coefs.append(np.ones(len(members)))
        lower.append(low)
        upper.append(high)
        owner.append(c)
    for link_atoms, link_coefs in system.links:
        atoms.append(link_atoms)
        coefs.append(link_coefs)
        lower.append(0.0)
        upper.append(0.0)
        owner.append(-1)
    return atoms, coefs, lower, upper, owner


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


def _new_highs() -> highspy.Highs:
    """A silent HiGHS instance. Its banner is written to file descriptor 1 when the first instance
    is made, before any option can turn it off; it would corrupt ``--json`` output, so it goes nowhere."""
    global _BANNER_SHOWN
    if _BANNER_SHOWN:
        highs = highspy.Highs()
    else:
        sys.stdout.flush()
        saved = os.dup(1)
        try:
            with open(os.devnull, "w") as devnull:
                os.dup2(devnull.fileno(), 1)
                highs = highspy.Highs()
        finally:
            os.dup2(saved, 1)
            os.close(saved)
        _BANNER_SHOWN = True
    highs.setOptionValue("output_flag", False)
    return highs


_BANNER_SHOWN = False


class _Component:
    """One HiGHS model over the atoms of one component, re-used for every objective."""

    def __init__(self, atoms: np.ndarray, rows: list[int], all_rows) -> None:
        row_atoms, row_coefs, lower, upper, owner = all_rows
        self.owner = np.array([owner[r] for r in rows], dtype=np.int64)
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
        self.highs = _new_highs()
        # Only the objective changes between solves, so the last basis stays feasible: the primal
        # simplex re-starts from it (the dual simplex would start over, ~30x slower here).
        self.highs.setOptionValue("simplex_strategy", 4)
        self.highs.passModel(lp)
        self.costed: np.ndarray = np.zeros(0, dtype=np.int32)

    def binding(self) -> np.ndarray:
        """Published classes whose equations hold the last optimum (non-zero duals): withholding
        one of them is what can widen the interval."""
        duals = np.asarray(self.highs.getSolution().row_dual)
        owners = self.owner[np.abs(duals) > _TOL]
        return owners[owners >= 0]

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


class Solver:
    """Bounds for withheld classes of one System, with one HiGHS model per component kept for the
    solver's life: withholding a class later (``withhold``) only relaxes its row's bounds."""

    def __init__(self, system: System) -> None:
        self.system = system
        self.rows = _rows(system)
        self.label = components(system.n_atoms, self.rows[0])
        self.row_of = {c: r for r, c in enumerate(self.rows[4]) if c >= 0}
        self.by_component: dict[int, list[int]] = {}
        for r, atoms in enumerate(self.rows[0]):
            self.by_component.setdefault(int(self.label[atoms[0]]), []).append(r)
        self.models: dict[int, _Component] = {}
        # a second model of a component, solved on a thread of its own (``intervals``): HiGHS
        # releases the interpreter while it solves, so two models use both cores
        self.twins: dict[int, _Component] = {}
        self._worker: ThreadPoolExecutor | None = None
        self.local_row: dict[int, int] = {}
        for rows in self.by_component.values():
            for i, r in enumerate(rows):
                self.local_row[r] = i

    def withhold(self, c: int) -> None:
        """Class ``c`` is withheld from now on."""
        system = self.system
        system.published[c] = False
        system.value[c] = np.nan
        r = self.row_of.get(c)
        if r is None:
            return
        low, high = _bounds(system, c)
        self.rows[2][r], self.rows[3][r] = low, high
        lab = int(self.label[self.rows[0][r][0]])
        for model in (self.models.get(lab), self.twins.get(lab)):
            if model is not None:
                model.highs.changeRowBounds(self.local_row[r], low, high)

    def _component(self, lab: int) -> _Component:
        """A new model of component ``lab``, from its rows as they are now."""
        return _Component(np.flatnonzero(self.label == lab), self.by_component[lab], self.rows)

    def _model(self, lab: int) -> _Component:
        if lab not in self.models:
            self.models[lab] = self._component(lab)
        return self.models[lab]

    def _twin(self, lab: int) -> _Component:
        """The component's second model (built from the rows as they are now), starting from the
        first model's last basis so that it does not solve from scratch."""
        if lab not in self.twins:
            twin = self._component(lab)
            first = self.models.get(lab)
            if first is not None:
                basis = first.highs.getBasis()
                if basis.valid:
                    twin.highs.setBasis(basis)
            self.twins[lab] = twin
        return self.twins[lab]

    def close(self) -> None:
        """Stop the second models' thread (also done when the solver is collected)."""
        if self._worker is not None:
            self._worker.shutdown(wait=True)
            self._worker = None

    def __del__(self) -> None:
        worker = getattr(self, "_worker", None)
        if worker is not None:
            worker.shutdown(wait=False)

    def intervals(self, targets, truth=None, p: int = 0, binding: dict[int, set[int]] | None = None):
        """(smallest, largest) whole value each target class can take; NaN where a model failed.

        With ``truth`` (the targets' true values, known while protecting, never stored), a target
        whose largest value is already ``p`` above the truth is not minimised: its low end is
        reported as the truth (narrower than the real interval, wide enough for the rule). With
        ``binding`` (a dict), each target's binding classes (non-zero duals) are collected into it.

        Many targets are split in two: the second half is solved on another thread by each
        component's second model. The bounds are optimal values of the same programmes, so they do
        not depend on which model solved them; binding classes depend on the basis, so a call that
        asks for them is solved by the first models alone."""
        targets = np.asarray(targets, dtype=np.int64)
        # An atom under no equation can be as large as one likes: a target summing it is
        # unbounded above, with no LP needed.
        pinned = np.zeros(self.system.n_atoms, dtype=bool)
        for atoms, upper in zip(self.rows[0], self.rows[3], strict=True):
            if upper != _INF:
                pinned[atoms] = True
        low = np.zeros(len(targets))
        high = np.zeros(len(targets))
        everything = np.arange(len(targets))
        if binding is not None or SOLVERS < 2 or len(targets) < PARALLEL_MIN_TARGETS:
            self._solve(everything, targets, truth, p, binding, pinned, low, high, self._model)
        else:
            # the first target alone first: it warms the first models, whose basis the twins start from
            self._solve(everything[:1], targets, truth, p, None, pinned, low, high, self._model)
            middle = 1 + (len(targets) - 1) // 2
            # the twins are built here, before either thread solves: a model's basis is read while idle
            for c in targets[middle:]:
                for lab in np.unique(self.label[self.system.atoms(int(c))]):
                    self._twin(int(lab))
            if self._worker is None:
                self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="highs-twin")
            stop = threading.Event()
            later = self._worker.submit(
                self._solve,
                everything[middle:],
                targets,
                truth,
                p,
                None,
                pinned,
                low,
                high,
                self.twins.__getitem__,
                stop,
            )
            try:
                self._solve(everything[1:middle], targets, truth, p, None, pinned, low, high, self._model)
            except BaseException:
                stop.set()  # (an interrupted publish waits for one programme of the other half, not for all)
                raise
            finally:
                later.result()  # (its error, if any, is raised here)
        with np.errstate(invalid="ignore"):
            low = np.where(np.isnan(low), np.nan, np.ceil(low - _TOL) + 0.0)
            high = np.where(np.isnan(high), np.nan, np.floor(high + _TOL))
        return low, high

    def _solve(self, which, targets, truth, p, binding, pinned, low, high, model_of, stop=None) -> None:
        """Bound ``targets[which]`` into ``low`` and ``high`` (unrounded) with the models ``model_of`` gives;
        ``stop`` (an Event), once set, ends it before the next target."""
        for t in which:
            if stop is not None and stop.is_set():
                return
            atoms = self.system.atoms(int(targets[t]))
            if not pinned[atoms].all():
                high[t] = math.inf
                continue
            labels = self.label[atoms]
            split = len(np.unique(labels)) > 1
            # bounds of a sum of parts in independent components add up
            for lab in np.unique(labels):
                part = atoms[labels == lab]
                model = model_of(int(lab))
                high[t] += model.bound(part, maximise=True)
                if binding is not None:
                    binding.setdefault(int(t), set()).update(model.binding().tolist())
                if truth is not None and not split and high[t] - truth[t] >= p:
                    low[t] += truth[t]
                    continue
                low[t] += model.bound(part, maximise=False)
                if binding is not None:
                    binding[int(t)].update(model.binding().tolist())


def intervals(system: System, targets: np.ndarray, **options) -> tuple[np.ndarray, np.ndarray]:
    """``Solver(system).intervals(targets, ...)`` for a one-off check (the audit)."""
    copy = System(
        system.n_atoms,
        system.class_ptr,
        system.class_atoms,
        system.published.copy(),
        system.value.copy(),
        system.present,
        system.links,
    )
    solver = Solver(copy)
    try:
        return solver.intervals(targets, **options)
    finally:
        solver.close()


def widths(low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """high - low, with a failed solve counted as width 0 (a disclosure, never a pass)."""
    out = high - low
    return np.where(np.isnan(out), 0.0, out)
