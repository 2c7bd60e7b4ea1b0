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
    """Shown cells to withhold so that no sensitive cell is determined by the equations."""
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
        choice = _pick(index, group, unknown, known, leaks[0])
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
    index: _Index, group: list[Equation], unknown: set[Cell], known: dict[Cell, float], leak: Cell
) -> Cell | None:
    """The shown cell to withhold next so that ``leak`` stops being determined.

    Candidates are the shown cells of the group: those in the leaking cell's own equations
    first, a part before a total, non-zero before zero, smallest first. The first candidate
    that hides the leak alone wins. Else the first that hides it together with one more cell
    (a running total needs a cell on each side of the withheld step), and the caller goes
    on to find the second. Else the first candidate, and the caller goes on along the chain.
    """
    ordered = _ranked(group, unknown, known, leak)
    for cell in ordered:
        if not _leaks(index, unknown | {cell}, leak):
            return cell
    for first in ordered:
        trial = unknown | {first}
        for second in _ranked(index.group(leak, trial), trial, known, leak):
            if not _leaks(index, trial | {second}, leak):
                return first
    return ordered[0] if ordered else None


def _ranked(group: list[Equation], unknown: set[Cell], known: dict[Cell, float], leak: Cell) -> list[Cell]:
    ranked = sorted(
        (leak not in eq.terms, cell in eq.totals, known[cell] == 0, known[cell], cell)
        for eq in group
        for cell in eq.terms
        if cell not in unknown and cell in known
    )
    return list(dict.fromkeys(item[-1] for item in ranked))


def _leaks(index: _Index, unknown: set[Cell], leak: Cell) -> bool:
    return leak in determined(index.group(leak, unknown), unknown, {leak})


def _unknown_cells(group: list[Equation], unknown: set[Cell]) -> set[Cell]:
    return {c for eq in group for c in eq.terms if c in unknown}
