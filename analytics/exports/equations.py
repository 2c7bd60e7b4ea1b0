"""The arithmetic a reader can do with shown cells, written as linear equations.

Within a table: ``spec.sums`` (participants = new + returning in a row) and running totals
(cumulative_leaders(T) = cumulative_leaders(T-1) + new_leaders(T); where no step column is
shown, the step is an *implied* cell, itself a count of people). Across tables: totals that
other tables break down (a term's participants = the sum of its sector rows) and numbers
that two tables both show (a cohort's size = that term's new participants).

An equation is kept only when it holds in the data at hand: one that does not (a blank
cell, filters that make the tables count differently) gives a reader nothing to solve.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from analytics.metrics.spec import LINKS, Link, TableSpec  # the registry says which cells are the same number
from analytics.vocab import parse_term

Cell = tuple[str, int, str]  # (table, row position, column); implied steps have a column in <angle brackets>


@dataclass(frozen=True)
class Equation:
    """sum(coefficient * cell) = 0."""

    terms: dict[Cell, int]
    totals: frozenset[Cell]  # the "total" side: withheld only when no part can be


def linked_tables(name: str, available: Mapping[str, object]) -> list[str]:
    """``name`` and every table linked to it, directly or through others, that ``available`` has."""
    found, todo = {name}, [name]
    while todo:
        current = todo.pop()
        for link in LINKS:
            for a, b in ((link.total_table, link.part_table), (link.part_table, link.total_table)):
                if a == current and b in available and b not in found:
                    found.add(b)
                    todo.append(b)
    return [t for t in available if t in found]


def cell_values(frames: Mapping[str, pd.DataFrame], specs: Mapping[str, TableSpec]) -> dict[Cell, float]:
    """Every measure cell as a float (NaN when blank)."""
    values: dict[Cell, float] = {}
    for name, frame in frames.items():
        for col in specs[name].measures:
            if col in frame.columns:
                column = pd.to_numeric(frame[col], errors="coerce").astype("float64")
                for i, v in enumerate(column.tolist()):
                    values[(name, i, col)] = v
    return values


def build(
    frames: Mapping[str, pd.DataFrame], specs: Mapping[str, TableSpec], values: dict[Cell, float]
) -> tuple[list[Equation], dict[Cell, float]]:
    """All equations between the cells of ``frames``, and the implied step cells they use."""
    equations: list[Equation] = []
    implied: dict[Cell, float] = {}

    def add(terms: dict[Cell, int], totals: frozenset[Cell] = frozenset()) -> None:
        numbers = [values.get(c, implied.get(c, math.nan)) for c in terms]
        if any(math.isnan(v) for v in numbers) or sum(v * terms[c] for v, c in zip(numbers, terms, strict=True)):
            return
        equations.append(Equation(terms, totals))

    for name, frame in frames.items():
        spec = specs[name]
        for total, parts in spec.sums:
            if total in frame.columns and all(p in frame.columns for p in parts):
                for i in range(len(frame)):
                    add({(name, i, total): 1, **{(name, i, p): -1 for p in parts}}, frozenset({(name, i, total)}))
        _running_totals(name, frame, spec, values, implied, add)
        if name == "cohort_retention":
            _cohort_repeats(frame, add)
    for link in LINKS:
        if link.total_table in frames and link.part_table in frames:
            _link(link, frames, add)
    return equations, implied


def _running_totals(name, frame, spec, values, implied, add) -> None:
    for col in spec.person_counts:
        if not col.startswith("cumulative_") or col not in frame.columns:
            continue
        base = col.removeprefix("cumulative_")
        step_col = "new_" + base
        has_step = step_col in frame.columns and step_col in spec.person_counts
        for rows in _series(frame, spec):
            if rows and base in frame.columns:
                # in the first term of the data everyone counted so far is this term's: cumulative = this term's
                add({(name, rows[0], col): 1, (name, rows[0], base): -1})
            for n, i in enumerate(rows):
                if has_step:
                    step: Cell = (name, i, step_col)
                elif n == 0:
                    continue  # the first running total is a count of its own, suppressed as such
                else:
                    step = (name, i, f"<{step_col}>")
                    implied[step] = values[(name, i, col)] - values[(name, rows[n - 1], col)]
                terms = {(name, i, col): 1, step: -1}
                if n:
                    terms[(name, rows[n - 1], col)] = -1
                add(terms)


def _series(frame: pd.DataFrame, spec: TableSpec) -> list[list[int]]:
    """Row positions of each series a running total runs along (same non-term keys), in term order."""
    others = [key for key in spec.keys if key != "term" and key in frame.columns]
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, key in enumerate(_keys(frame, others)):
        groups[key].append(i)
    terms = frame["term"].tolist() if "term" in frame.columns else [None] * len(frame)

    def order(i: int) -> int:
        term = parse_term(terms[i]) if terms[i] is not None else None
        return term.order if term else i

    return [sorted(rows, key=order) for rows in groups.values()]


def _keys(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    """Each row's values of ``columns`` as a tuple of text (lists, not per-row pandas indexing: tables run
    to thousands of rows)."""
    if not columns:
        return [()] * len(frame)
    return list(zip(*(frame[c].astype(str).tolist() for c in columns), strict=True))


def _cohort_repeats(frame: pd.DataFrame, add) -> None:
    """cohort_size repeats in every row of a cohort, and equals `active` in the cohort's own term."""
    name = "cohort_retention"
    first: dict[object, int] = {}
    for i, (cohort, term) in enumerate(zip(frame["cohort"].tolist(), frame["term"].tolist(), strict=True)):
        if cohort in first:
            add({(name, i, "cohort_size"): 1, (name, first[cohort], "cohort_size"): -1})
        else:
            first[cohort] = i
        if term == cohort:
            add({(name, i, "cohort_size"): 1, (name, i, "active"): -1})


def _link(link: Link, frames: Mapping[str, pd.DataFrame], add) -> None:
    totals, parts = frames[link.total_table], frames[link.part_table]
    if link.total_column not in totals.columns or link.part_column not in parts.columns:
        return
    keep = [True] * len(parts)
    for col, allowed in link.where:
        keep = [k and v in allowed for k, v in zip(keep, parts[col].astype(str).tolist(), strict=True)]
    index: dict[tuple, list[int]] = defaultdict(list)
    for i, key in enumerate(_keys(parts, [b for _, b in link.on])):
        if keep[i]:
            index[key].append(i)
    for i, key in enumerate(_keys(totals, [a for a, _ in link.on])):
        matches = index.get(key, [])
        if link.first_only:
            matches = matches[:1]
        if matches:
            total_cell = (link.total_table, i, link.total_column)
            add(
                {total_cell: 1, **{(link.part_table, j, link.part_column): -1 for j in matches}},
                frozenset({total_cell}),
            )
