"""Choosing the cells to withhold, across the whole release at once.

1. Primary: every count class of 1 to K-1; a school count wherever the same row's people count
   is withheld; a course's hidden sector counts all together.
2. Complementary, in rounds: the withheld counts not yet known to span P values are bounded
   exactly (``lp``). Each one still narrower than P gets all its complements from one programme
   (``complements``): the cheapest change of the atoms that moves it far enough from its true
   value, whose moved published counts are withheld. The changed point agrees with everything
   still published, so that count is protected for good (withholding only ever widens ranges),
   and every value the change gives other counts is remembered: a count it moves far enough needs
   no programme of its own. The complements are bounded in the next round.
3. A count that no such change can move far enough either way goes through the older greedy
   (``_greedy``): withhold one published count holding its bound, bound again, repeat.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from analytics.disclosure import lp
from analytics.disclosure.complements import ComplementModel
from analytics.disclosure.model import Model
from analytics.disclosure.tables import RELEASE_TABLES


def present_classes(model: Model) -> np.ndarray:
    """Classes that are at least 1 on every row they appear on (the row exists only then)."""
    present = np.zeros(model.n_classes, dtype=bool)
    cells = model.cells
    for name, table in RELEASE_TABLES.items():
        hit = (cells["table"] == name) & cells["measure"].isin(table.present)
        present[cells.loc[hit, "cls"].to_numpy()] = True
    return present


def _mates(model: Model) -> list[tuple[np.ndarray, np.ndarray]]:
    """(school classes, people classes) pairs: the school count goes where the people count goes."""
    cells = model.cells
    keyed = cells.set_index(["view", "table", "row_key", "measure"])["cls"]
    schools, people = [], []
    for name, table in RELEASE_TABLES.items():
        for school_col, people_table, people_col in table.school_mates:
            mine = cells[(cells["table"] == name) & (cells["measure"] == school_col)]
            for view, row_key, cls in zip(mine["view"], mine["row_key"], mine["cls"], strict=True):
                mate = keyed.get((view, people_table, row_key, people_col))
                if mate is not None:
                    schools.append(cls)
                    people.append(mate)
    return [(np.asarray(schools, dtype=np.int64), np.asarray(people, dtype=np.int64))]


def _apply_mates(withheld: np.ndarray, mates) -> None:
    for schools, people in mates:
        if len(schools):
            withheld[schools[withheld[people]]] = True


def _atom_classes(model: Model) -> tuple[np.ndarray, np.ndarray]:
    """CSR from atoms to the classes that sum them."""
    owner = np.repeat(np.arange(model.n_classes), np.diff(model.class_ptr))
    order = np.argsort(model.class_atoms, kind="stable")
    ptr = np.zeros(model.n_atoms + 1, dtype=np.int64)
    np.add.at(ptr, model.class_atoms + 1, 1)
    return np.cumsum(ptr), owner[order]


def hidden_classes(model: Model) -> np.ndarray:
    """Classes only on rows never shown (course_mix under one-sector views: the courses' sector counts)."""
    cells = model.cells
    shown = np.array(
        [RELEASE_TABLES[t].offered(v) for t, v in zip(cells["table"], cells["view"], strict=True)], dtype=bool
    )
    hidden = np.ones(model.n_classes, dtype=bool)
    hidden[cells["cls"].to_numpy()[shown]] = False
    return hidden


def course_groups(model: Model, hidden: np.ndarray) -> list[np.ndarray]:
    """Per course, its hidden sector-count classes: released all together (with its mixing index) or none."""
    cells = model.cells
    mine = cells[(cells["table"] == "course_mix") & cells["view"].astype("str").str.startswith("sector:")]
    groups = []
    for _, classes in mine.groupby("row_key")["cls"]:
        classes = np.unique(classes.to_numpy())
        classes = classes[hidden[classes]]
        if len(classes):
            groups.append(classes)
    return groups


def _close(withheld: np.ndarray, mates, groups: list[np.ndarray]) -> None:
    _apply_mates(withheld, mates)
    for classes in groups:
        if withheld[classes].any():
            withheld[classes] = True


def system_for(model: Model, withheld: np.ndarray, present: np.ndarray, hidden: np.ndarray) -> lp.System:
    """What a reader knows: published classes are equations; a withheld hidden class is simply unknown."""
    value = np.where(withheld, np.nan, model.class_value.astype(np.float64))
    return lp.System(
        model.n_atoms, model.class_ptr, model.class_atoms, ~withheld, value, present & ~hidden, model.links
    )


def class_costs(model: Model, hidden: np.ndarray) -> np.ndarray:
    """What withholding each class costs: its cells, each weighted by the size of its number (a
    large number withheld hides more), a hidden course-sector count a quarter (only a mixing
    index is lost)."""
    cells = np.bincount(model.cells["cls"].to_numpy(dtype=np.int64), minlength=model.n_classes)
    cost = np.maximum(cells, 1) * (1.0 + np.log1p(model.class_value.astype(np.float64)))
    return np.where(hidden, 0.25 * cost, cost)


def protect(model: Model, k: int, p: int, progress: Callable[[str], None] | None = None) -> np.ndarray:
    """A bool per class: True = withheld (or, for hidden classes, not released). Every withheld
    shown class then spans at least P values given everything released.

    1. Primary: counts of 1 to K-1, with their school counts and courses' hidden sector counts.
    2. In rounds: bound every withheld count not yet known to be wide (exact programmes, ``lp``).
       For each one narrower than P, in turn: bound it again if something was withheld since, and
       if it is still narrow, take all its complements from one programme
       (``complements.ComplementModel``): the cheapest change that moves it far enough up (or
       else down), whose moved published counts are withheld. It is then protected for good
       (withholding only widens ranges); the complements are bounded in the next round.
    3. A count no such move protects (bounded both ways by counts never withheld) goes through
       the greedy with the binding constraints (``_greedy``)."""
    say = progress or (lambda _text: None)
    protected = model.class_kind != "c"
    value = model.class_value
    hidden = hidden_classes(model)
    withheld = protected & (value >= 1) & (value < k)
    mates = _mates(model)
    groups = course_groups(model, hidden)
    _close(withheld, mates, groups)
    present = present_classes(model)
    system = system_for(model, withheld, present, hidden)
    truth = model.atom_size.astype(np.float64)
    solver = lp.Solver(system)
    models = _ComplementModels(model, system, truth, class_costs(model, hidden), ~protected)
    # values each class is known to reach at points that agree with the release (the truth, the
    # exact bounds, every change found): they only ever widen, since withholding only relaxes
    seen_lo = value.astype(np.float64).copy()
    seen_hi = seen_lo.copy()
    check = np.flatnonzero(withheld & ~hidden)
    stuck: list[int] = []
    rounds = 0
    while len(check):
        rounds += 1
        check = check[seen_hi[check] - seen_lo[check] < p]
        low, high = solver.intervals(check, truth=value[check].astype(np.float64), p=p)
        ok = ~np.isnan(low) & ~np.isnan(high)
        seen_lo[check[ok]] = np.minimum(seen_lo[check[ok]], low[ok])
        seen_hi[check[ok]] = np.maximum(seen_hi[check[ok]], high[ok])
        failing = check[lp.widths(low, high) < p]
        say(f"round {rounds}: {len(check)} withheld counts bounded, {len(failing)} narrower than {p}")
        added_round: list[int] = []
        changed = False
        for f in failing:
            f = int(f)
            if seen_hi[f] - seen_lo[f] >= p:
                continue  # a change found for another count moves this one far enough
            if changed:
                # something was withheld since this round's bounds: bounding it again (two
                # programmes of the warm model) is cheaper than choosing complements it may not need
                (lo,), (hi,) = solver.intervals(np.array([f]), truth=np.array([float(value[f])]), p=p)
                if not (np.isnan(lo) or np.isnan(hi)):
                    seen_lo[f], seen_hi[f] = min(seen_lo[f], lo), max(seen_hi[f], hi)
                if seen_hi[f] - seen_lo[f] >= p:
                    continue
            up = max(p - (value[f] - seen_lo[f]), 1.0)
            down = max(p - (seen_hi[f] - value[f]), 1.0)
            result = models.complements(f, up, down)
            if result is None:
                stuck.append(f)
                continue
            found, classes, reached = result
            seen_lo[classes] = np.minimum(seen_lo[classes], reached)
            seen_hi[classes] = np.maximum(seen_hi[classes], reached)
            if not len(found):
                continue
            before = withheld.copy()
            withheld[found] = True
            _close(withheld, mates, groups)
            added = np.flatnonzero(withheld & ~before)
            for c in added:
                solver.withhold(int(c))
                models.refresh(int(c))
            added_round.extend(int(c) for c in added if not hidden[c])
            changed = changed or bool(len(added))
        check = np.unique(np.asarray(added_round, dtype=np.int64))
    solver.close()
    if stuck:
        say(f"{len(stuck)} counts bounded both ways: greedy with the binding constraints")
        _greedy(model, withheld, np.asarray(stuck, dtype=np.int64), protected, hidden, mates, groups, p, present)
    return withheld


class _ComplementModels:
    """One complement programme per component of atoms, built when first needed."""

    def __init__(self, model: Model, system: lp.System, truth, cost, fixed) -> None:
        self.system = system
        self.truth = truth
        self.cost = cost
        self.fixed = fixed
        rows = [system.atoms(c) for c in range(model.n_classes) if len(system.atoms(c))]
        rows += [atoms for atoms, _ in system.links]
        self.label = lp.components(system.n_atoms, rows)
        owner = np.repeat(np.arange(model.n_classes), np.diff(system.class_ptr))
        first = np.full(model.n_classes, -1, dtype=np.int64)
        first[owner[::-1]] = system.class_atoms[::-1]
        self.class_label = np.where(first >= 0, self.label[np.maximum(first, 0)], -1)
        self.owner = owner
        self.models: dict[int, ComplementModel] = {}
        self.atoms: dict[int, np.ndarray] = {}
        self.classes: dict[int, np.ndarray] = {}

    def _model(self, lab: int) -> ComplementModel:
        if lab not in self.models:
            atoms = self.atoms[lab] = np.flatnonzero(self.label == lab)
            classes = self.classes[lab] = np.flatnonzero(self.class_label == lab)
            self.models[lab] = ComplementModel(
                self.system, atoms, classes, self.truth, self.cost, self.fixed, self.system.present
            )
        return self.models[lab]

    def complements(self, c: int, up: float, down: float):
        """(classes to withhold, classes of c's component, their values after the change), or None."""
        lab = int(self.class_label[c])
        if lab < 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0)
        model = self._model(lab)
        result = model.complements(c, up, down)
        if result is None:
            return None
        found, change = result
        x = self.truth.copy()
        x[self.atoms[lab]] += change
        classes = self.classes[lab]
        reached = np.bincount(self.owner, weights=x[self.system.class_atoms], minlength=len(self.class_label))
        reached = reached[classes]
        return found, classes, reached

    def refresh(self, c: int) -> None:
        lab = int(self.class_label[c])
        if lab in self.models:
            self.models[lab].refresh(c)


def _greedy(model, withheld, check, protected, hidden, mates, groups, p, present) -> None:
    """Complementary suppression with exact bounds in the loop, for the counts the one-step
    programme cannot protect: bound each, withhold one published count holding its bound, repeat."""
    value = model.class_value
    atom_ptr, atom_cls = _atom_classes(model)
    solver = lp.Solver(system_for(model, withheld, present, hidden))
    while len(check):
        binding: dict[int, set[int]] = {}
        low, high = solver.intervals(check, truth=value[check].astype(np.float64), p=p, binding=binding)
        narrow = lp.widths(low, high) < p
        failing = check[narrow]
        if not len(failing):
            return
        before = withheld.copy()
        held = {int(check[t]): binding.get(int(t), set()) for t in np.flatnonzero(narrow)}
        _complements(model, withheld, failing, protected, atom_ptr, atom_cls, held, hidden)
        _close(withheld, mates, groups)
        added = np.flatnonzero(withheld & ~before)
        for c in added:
            solver.withhold(int(c))
        if not len(added):  # nothing left to withhold near them: cannot happen while any is published
            raise RuntimeError("complementary suppression found no cell to withhold")
        check = np.union1d(failing, added[~hidden[added]])


def _neighbours(model: Model, c: int, atom_ptr: np.ndarray, atom_cls: np.ndarray) -> np.ndarray:
    atoms = model.class_atoms[model.class_ptr[c] : model.class_ptr[c + 1]]
    if not len(atoms):
        return np.zeros(0, dtype=np.int64)
    return np.unique(np.concatenate([atom_cls[atom_ptr[a] : atom_ptr[a + 1]] for a in atoms]))


def _complements(model, withheld, failing, protected, atom_ptr, atom_cls, held, hidden) -> None:
    """For each failing class, withhold one published class holding its bound (a non-zero dual in
    its LPs), else one published neighbour (reaching further if it has none). Cheapest first: a
    hidden course-sector count (only a mixing index is lost), then the smallest number."""
    failing_set = set(int(f) for f in failing)
    chosen: set[int] = set()
    touches: dict[int, int] = {}
    near: dict[int, np.ndarray] = {}
    for f in failing:
        n = _neighbours(model, int(f), atom_ptr, atom_cls)
        near[int(f)] = n
        for c in held.get(int(f), ()):
            touches[int(c)] = touches.get(int(c), 0) + 1

    def cost(c: int) -> tuple:
        return (not hidden[c], model.class_value[c], -touches.get(c, 0), c)

    for f in failing:
        f = int(f)
        if any(c in chosen for c in held.get(f, ())):
            continue  # a complement chosen this round already holds its bound
        binding = [c for c in held.get(f, ()) if not withheld[c] and protected[c]]
        if binding:
            best = min(binding, key=cost)
            withheld[best] = True
            chosen.add(best)
            continue
        frontier, seen = [f], {f}
        while frontier:
            candidates = [
                int(c)
                for g in frontier
                for c in (near.get(g) if g in near else _neighbours(model, g, atom_ptr, atom_cls))
                if not withheld[c] and protected[c]
            ]
            if candidates:
                best = min(candidates, key=cost)
                withheld[best] = True
                chosen.add(best)
                break
            # every neighbour is withheld already: look through them for published cells further away
            nxt = []
            for g in frontier:
                for c in near.get(g) if g in near else _neighbours(model, g, atom_ptr, atom_cls):
                    if int(c) not in seen:
                        seen.add(int(c))
                        nxt.append(int(c))
            frontier = nxt
        else:
            if f in failing_set:
                # Only links hold it: withhold a published count of another kind in the same view.
                _withhold_linked(model, withheld, f, protected)


def _withhold_linked(model: Model, withheld: np.ndarray, f: int, protected: np.ndarray) -> None:
    atoms = set(model.class_atoms[model.class_ptr[f] : model.class_ptr[f + 1]].tolist())
    for link_atoms, _ in model.links:
        if atoms & set(link_atoms.tolist()):
            owner = np.repeat(np.arange(model.n_classes), np.diff(model.class_ptr))
            linked = np.unique(owner[np.isin(model.class_atoms, link_atoms)])
            open_ = [int(c) for c in linked if not withheld[c] and protected[c]]
            if open_:
                withheld[min(open_, key=lambda c: model.class_value[c])] = True
                return
