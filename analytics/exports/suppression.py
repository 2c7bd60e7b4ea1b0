"""Small-cell suppression: withhold counts of 1 to K-1 people, and whatever would give them away.

The rule (docs/decisions/007-suppression.md):
1. Primary: every cell of ``spec.person_counts`` from 1 to K-1 is withheld. Zero stays zero.
2. Complementary: the arithmetic a reader can do is written out as equations
   (``equations.py``: totals and their parts, running totals, the same number shown by two
   tables). While any withheld small count, or a small step between running totals, is
   determined by those equations and the cells still shown, one more shown cell is
   withheld (``audit.py``), preferring a part over a total and the smallest non-zero value.
3. Derived: every rate or average (``spec.derived``) computed from a withheld count is withheld.

Tables exported or shown together are suppressed together (``suppress_tables``), so that
the same cell is withheld everywhere and no table's totals give away another's cells.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from analytics.exports import audit, equations
from analytics.exports.equations import Cell
from analytics.metrics.spec import TABLES, TableSpec


@dataclass(frozen=True)
class Suppressed:
    """A table after suppression: withheld cells are NA, ``mask`` marks them, ``notes`` say why."""

    frame: pd.DataFrame
    notes: list[str]
    withheld: int
    mask: pd.DataFrame = field(repr=False)
    k: int | None = None


def rule_text(k: int | None) -> str:
    """The suppression rule in one sentence, for export metadata and report footers."""
    if not k or k <= 1:
        return "No small-cell suppression: every count is shown."
    return (
        f"Counts of 1 to {k - 1} people or enrollments are withheld (blank), with further cells where they "
        "could otherwise be worked out from totals, and every rate or average computed from a withheld count. "
        "Zero is shown as zero."
    )


def suppress(frame: pd.DataFrame, spec: TableSpec, k: int | None) -> Suppressed:
    """Apply small-cell suppression with threshold ``k`` to one table (None or k <= 1: none)."""
    return suppress_tables({spec.name: frame}, k, {spec.name: spec})[spec.name]


def suppress_tables(
    frames: Mapping[str, pd.DataFrame], k: int | None, specs: Mapping[str, TableSpec] | None = None
) -> dict[str, Suppressed]:
    """Suppress tables shown together, with the equations between them (``equations.LINKS``)."""
    specs = specs or TABLES
    if not k or k <= 1:
        return {name: _untouched(frame, k) for name, frame in frames.items()}
    values = equations.cell_values(frames, specs)
    counted = {name: [c for c in specs[name].person_counts if c in frame.columns] for name, frame in frames.items()}
    primary = {cell for cell, v in values.items() if cell[2] in counted[cell[0]] and 1 <= v < k}
    system, implied = equations.build(frames, specs, values)
    known = {cell: v for cell, v in values.items() if cell[2] in counted[cell[0]]}
    sensitive = primary | {cell for cell, v in implied.items() if 1 <= v < k}
    complementary = audit.complement(system, known, primary | set(implied), sensitive)
    return {
        name: _apply(
            frame, specs[name], k, {c for c in primary if c[0] == name}, {c for c in complementary if c[0] == name}
        )
        for name, frame in frames.items()
    }


def _untouched(frame: pd.DataFrame, k: int | None) -> Suppressed:
    mask = pd.DataFrame(False, index=frame.index, columns=frame.columns)
    return Suppressed(frame.copy(), [], 0, mask, k)


def _apply(frame: pd.DataFrame, spec: TableSpec, k: int, primary: set[Cell], complementary: set[Cell]) -> Suppressed:
    mask = pd.DataFrame(False, index=frame.index, columns=frame.columns)
    for _, i, col in primary | complementary:
        mask.iat[i, frame.columns.get_loc(col)] = True
    derived: dict[str, int] = {}
    for col, sources in spec.derived.items():
        if col in frame.columns:
            hit = mask[[s for s in sources if s in frame.columns]].any(axis=1) & frame[col].notna()
            mask[col] = mask[col] | hit
            derived[col] = int(hit.sum())
    out = _blank(frame, mask, spec)
    return Suppressed(out, _notes(k, primary, complementary, derived), int(mask.to_numpy().sum()), mask, k)


def _blank(frame: pd.DataFrame, mask: pd.DataFrame, spec: TableSpec) -> pd.DataFrame:
    """The frame with withheld cells as NA; counts become nullable integers, rates nullable floats."""
    out = frame.copy()
    for col in spec.measures:
        if col not in out.columns:
            continue
        numeric = pd.to_numeric(out[col], errors="coerce")
        whole = numeric.dropna()
        # keep counts as integers (the metrics give int64), also when a hand-made frame holds them as objects
        integral = pd.api.types.is_integer_dtype(out[col]) or (
            not pd.api.types.is_float_dtype(out[col]) and bool((whole == whole.round()).all())
        )
        kind = "Int64" if integral else "Float64"
        out[col] = numeric.astype(kind).mask(mask[col])
    return out


def _notes(k: int, primary: set[Cell], complementary: set[Cell], derived: dict[str, int]) -> list[str]:
    """What was withheld and why: the rule first, then one sentence per reason naming columns."""

    def by_column(cells: set[Cell]) -> str:
        tally: dict[str, int] = defaultdict(int)
        for _, _, col in cells:
            tally[col] += 1
        return ", ".join(f"{col} ({n})" for col, n in sorted(tally.items()))

    notes = [rule_text(k)]
    if primary:
        notes.append(f"{len(primary)} cell(s) withheld because they count 1 to {k - 1}: {by_column(primary)}.")
    if complementary:
        notes.append(
            f"{len(complementary)} further cell(s) withheld so that no withheld count can be worked out "
            f"from totals, running totals or other tables: {by_column(complementary)}."
        )
    rates = {col: n for col, n in derived.items() if n}
    if rates:
        listed = ", ".join(f"{col} ({n})" for col, n in sorted(rates.items()))
        notes.append(
            f"{sum(rates.values())} rate(s) or average(s) withheld as computed from withheld counts: {listed}."
        )
    if len(notes) == 1:
        notes.append(f"Nothing needed withholding: every count is 0 or at least {k}.")
    return notes
