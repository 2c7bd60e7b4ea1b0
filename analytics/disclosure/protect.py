"""Choosing the cells to withhold, across the whole release at once.

1. Primary: every count class of 1 to K-1; a school count wherever the same row's people count
   is withheld.
2. Complementary, greedy with the audit in the loop: bound every withheld class that has not yet
   passed (``lp.intervals``); for each one narrower than P, withhold one more published class
   sharing atoms with it (the smallest, then the one touching most failing classes); repeat.
   Withholding only ever widens intervals (it removes constraints), so a class that passed
   stays passed and only the failing and the newly withheld are bounded again.
3. Then try to publish again each complement, largest first, keeping it withheld if any
   withheld class of its component would fail.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from analytics.disclosure import lp
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


def protect(model: Model, k: int, p: int, progress: Callable[[str], None] | None = None) -> np.ndarray:
    """A bool per class: True = withheld (or, for hidden classes, not released). Every withheld
    shown class then spans at least P values given everything released."""
    say = progress or (lambda _text: None)
    protected = model.class_kind != "c"
    value = model.class_value
    hidden = hidden_classes(model)
    withheld = protected & (value >= 1) & (value < k)
    mates = _mates(model)
    groups = course_groups(model, hidden)
    _close(withheld, mates, groups)
    present = present_classes(model)
    atom_ptr, atom_cls = _atom_classes(model)
    check = np.flatnonzero(withheld & ~hidden)
    solver = lp.Solver(system_for(model, withheld, present, hidden))
    rounds = 0
    while len(check):
        rounds += 1
        binding: dict[int, set[int]] = {}
        low, high = solver.intervals(check, truth=value[check].astype(np.float64), p=p, binding=binding)
        narrow = lp.widths(low, high) < p
        failing = check[narrow]
        say(f"round {rounds}: {len(check)} withheld cells bounded, {len(failing)} narrower than {p}")
        if not len(failing):
            break
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
    return withheld


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
