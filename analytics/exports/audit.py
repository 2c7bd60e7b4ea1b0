"""Which withheld counts a reader could work out, and which further cells to withhold so they cannot.

A withheld cell is *determined* when the equations, with every shown cell known, fix its
value: exactly when its column in the equations' matrix (over unknown cells) is not a
combination of the other columns (removing it lowers the rank). Equations are solved in
independent groups (linked by shared unknown cells), so the matrices stay small.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from analytics.exports.equations import Cell, Equation


class _Index:
    """Equations by the cells they mention, to find the group of equations around an unknown cell."""

    def __init__(self, equations: list[Equation]) -> None:
        self.by_cell: dict[Cell, list[int]] = defaultdict(list)
        self.equations = equations
        for n, eq in enumerate(equations):
            for cell in eq.terms:
                self.by_cell[cell].append(n)

    def group(self, start: Cell, unknown: set[Cell]) -> list[Equation]:
        """Equations reachable from ``start`` through unknown cells (breadth first)."""
        seen_eq: set[int] = set()
        seen_cell = {start}
        todo = [start]
        while todo:
            cell = todo.pop()
            for n in self.by_cell.get(cell, ()):
                if n in seen_eq:
                    continue
                seen_eq.add(n)
                for other in self.equations[n].terms:
                    if other in unknown and other not in seen_cell:
                        seen_cell.add(other)
                        todo.append(other)
        return [self.equations[n] for n in sorted(seen_eq)]


def complement(
    equations: list[Equation], known: dict[Cell, float], hidden: set[Cell], sensitive: set[Cell]
) -> set[Cell]:
    """Shown cells to withhold so that no sensitive cell is determined by the equations.

    Cells that equations say are equal (the same number shown by two tables, a cohort's size
    on each of its rows) are treated as one cell: withheld together or shown together.
    Otherwise a search could hide one copy while another stays in view.
    """
    alias = _aliases(equations)
    members: dict[Cell, set[Cell]] = defaultdict(set)
    for cell, representative in alias.items():
        members[representative].add(cell)

    def rep(cell: Cell) -> Cell:
        return alias.get(cell, cell)

    merged: list[Equation] = []
    for eq in equations:
        terms: dict[Cell, int] = defaultdict(int)
        for cell, coefficient in eq.terms.items():
            terms[rep(cell)] += coefficient
        terms = {cell: c for cell, c in terms.items() if c}
        if terms:
            merged.append(Equation(terms, frozenset(rep(c) for c in eq.totals)))
    weight = {cell: len(cells) for cell, cells in members.items()}
    added = _complement(
        merged,
        {rep(c): v for c, v in known.items()},
        {rep(c) for c in hidden},
        {rep(c) for c in sensitive},
        weight,
    )
    return {member for cell in added for member in members.get(cell, {cell})} - hidden


def _aliases(equations: list[Equation]) -> dict[Cell, Cell]:
    """Each cell named equal to another by an equation ``x - y = 0``, mapped to one representative."""
    parent: dict[Cell, Cell] = {}

    def find(cell: Cell) -> Cell:
        while parent.setdefault(cell, cell) != cell:
            parent[cell] = parent[parent[cell]]
            cell = parent[cell]
        return cell

    for eq in equations:
        if len(eq.terms) == 2 and sorted(eq.terms.values()) == [-1, 1]:
            a, b = sorted(eq.terms)
            parent[find(b)] = find(a)
    return {cell: find(cell) for cell in parent}


def _complement(
    equations: list[Equation],
    known: dict[Cell, float],
    hidden: set[Cell],
    sensitive: set[Cell],
    weight: dict[Cell, int],
) -> set[Cell]:
    """``complement`` once equal cells are one cell."""
    index = _Index(equations)
    unknown = set(hidden)
    added: set[Cell] = set()
    todo = sorted(c for c in sensitive if c in index.by_cell)
    checked: set[Cell] = set()
    while todo:
        cell = todo.pop()
        if cell in checked:
            continue
        group = index.group(cell, unknown)
        leaks = determined(group, unknown, sensitive)
        if not leaks:
            checked |= _unknown_cells(group, unknown) & sensitive
            continue
        choice = _pick(index, group, unknown, known, weight, leaks[0])
        if choice is None:  # cannot happen with consistent equations; never loop forever
            checked.add(leaks[0])
            continue
        unknown.add(choice)
        added.add(choice)
        # the group may now reach further: check every sensitive cell of it again
        regrown = _unknown_cells(index.group(choice, unknown), unknown) & sensitive
        checked -= regrown
        todo.extend(sorted(regrown | {cell}))
    return added


def determined(group: list[Equation], unknown: set[Cell], sensitive: set[Cell]) -> list[Cell]:
    """Sensitive unknown cells of ``group`` whose value the equations fix, in a stable order."""
    cells = sorted(_unknown_cells(group, unknown))
    if not cells or not (sensitive & set(cells)):
        return []
    matrix = np.array([[eq.terms.get(c, 0) for c in cells] for eq in group], dtype="float64")
    rank = np.linalg.matrix_rank(matrix)
    return [
        cell
        for j, cell in enumerate(cells)
        if cell in sensitive and np.linalg.matrix_rank(np.delete(matrix, j, axis=1)) < rank
    ]


def _pick(
    index: _Index,
    group: list[Equation],
    unknown: set[Cell],
    known: dict[Cell, float],
    weight: dict[Cell, int],
    leak: Cell,
) -> Cell | None:
    """The shown cell to withhold next so that ``leak`` stops being determined.

    Candidates are the shown cells of the group: those in the leaking cell's own equations
    first, a part before a total, non-zero before zero, fewest copies (a number several tables
    show costs each of them), smallest first. The first candidate that hides the leak alone
    wins, unless a pair of cells hides it at a lower cost in cells (a running total needs a
    cell on each side of the withheld step): then the pair's first, and the caller goes on to
    find the second. Else the first candidate, and the caller goes on along the chain.
    """
    ordered = _ranked(group, unknown, known, weight, leak)
    single = next((cell for cell in ordered if not _leaks(index, unknown | {cell}, leak)), None)
    if single is not None and weight.get(single, 1) == 1:
        return single
    # a pair may withhold fewer cells than a single number shown by several tables: take the cheapest
    best: tuple[int, Cell] | None = None
    for first in ordered:
        trial = unknown | {first}
        for second in _ranked(index.group(leak, trial), trial, known, weight, leak):
            cost = weight.get(first, 1) + weight.get(second, 1)
            if (best is None or cost < best[0]) and not _leaks(index, trial | {second}, leak):
                best = (cost, first)
    if single is not None and (best is None or weight.get(single, 1) <= best[0]):
        return single
    return best[1] if best else (ordered[0] if ordered else None)


def _ranked(
    group: list[Equation], unknown: set[Cell], known: dict[Cell, float], weight: dict[Cell, int], leak: Cell
) -> list[Cell]:
    ranked = sorted(
        (leak not in eq.terms, cell in eq.totals, known[cell] == 0, weight.get(cell, 1), known[cell], cell)
        for eq in group
        for cell in eq.terms
        if cell not in unknown and cell in known
    )
    return list(dict.fromkeys(item[-1] for item in ranked))


def _leaks(index: _Index, unknown: set[Cell], leak: Cell) -> bool:
    return leak in determined(index.group(leak, unknown), unknown, {leak})


def _unknown_cells(group: list[Equation], unknown: set[Cell]) -> set[Cell]:
    return {c for eq in group for c in eq.terms if c in unknown}
