"""What one declaration of the table registry says (``analytics/metrics/spec.py`` holds the declarations).

A ``TableSpec`` is everything the project knows about one summary table, in one place: the
query that computes it, its columns and their kinds, its grain, the charts and pages that
show it, how small counts are withheld in exports, and what the disclosure engine needs
to protect it in a release. Everything else (the metric functions, the exports' column
lists, the charts' lookup, the docs check, the disclosure tables) reads these fields
instead of keeping a list of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

KEY, COUNT, RATE = "key", "count", "rate"  # the kinds of column: text, int64, float64 (blank = NaN)


def words(text: str) -> tuple[str, ...]:
    """``"term courses enrollments"`` -> ``("term", "courses", "enrollments")``: column lists stay on one line."""
    return tuple(text.split())


@dataclass(frozen=True)
class TableSpec:
    name: str
    columns: tuple[str, ...]  # the exported column names, in order (docs/METRICS.md's "Columns:" line)
    description: str  # one line, for `python -m analytics tables` and export notes
    keys: tuple[str, ...]  # the columns that identify a row (kind KEY, text)
    # Counts of people or enrollments: withheld from 1 to K-1 under small-cell suppression.
    person_counts: tuple[str, ...] = ()
    # Rates and averages: withheld whenever any count they are computed from is withheld.
    derived: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Totals shown in the same row: total = sum(parts). Complementary suppression
    # keeps a withheld part from being worked back as total minus the other parts.
    sums: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # --- where it lives ---------------------------------------------------------------
    grain: str = ""  # what one row is; the query's header comment says the same ("-- Grain: ...")
    sql: str = ""  # the query, relative to analytics/sql/ (run by analytics.metrics.compute)
    counts: tuple[str, ...] = ()  # every whole-number column (kind COUNT); other measures are RATE
    charts: tuple[str, ...] = ()  # the charts that draw it, by their names in analytics/charts/registry.py
    pages: tuple[str, ...] = ()  # page scripts that show it (the Exports page offers every table)
    # --- disclosure control (releases; docs/METRICS.md, "Disclosure control") ---------
    protected: tuple[str, ...] = ()  # counts a release shows as 0, at least K, or withheld; () = not released
    present: tuple[str, ...] = ()  # counts that are at least 1 on every row shown (the row exists)
    # (school count column, table, people count column): the school count is withheld with that count
    school_mates: tuple[tuple[str, str, str], ...] = ()
    # a count repeated on several rows, and the key columns whose values name the one row its units are
    # listed under: {"cohort_size": ("cohort", "cohort")} lists a cohort's size under (cohort, cohort)
    repeats: dict[str, tuple[str, ...]] = field(default_factory=dict)
    term_column: str | None = "term"  # what a term-range zoom selects on (None: no term key)
    in_sector_views: bool = True  # False: not offered under one-sector views

    @property
    def measures(self) -> tuple[str, ...]:
        return tuple(c for c in self.columns if c not in self.keys)

    @property
    def released(self) -> bool:
        """True for a table of the funder releases (it has protected counts)."""
        return bool(self.protected)

    def kind(self, column: str) -> str:
        """KEY, COUNT or RATE: the dtype the column is given (str, int64, float64)."""
        if column in self.keys:
            return KEY
        return COUNT if column in self.counts else RATE


@dataclass(frozen=True)
class Link:
    """A cell of one table equals the sum of matching cells of another (or the first match, for repeats)."""

    total_table: str
    total_column: str
    part_table: str
    part_column: str
    on: tuple[tuple[str, str], ...]  # (key column of the total table, key column of the part table)
    where: tuple[tuple[str, tuple[str, ...]], ...] = ()  # part rows must have these values
    first_only: bool = False  # every matching part row repeats one value (cohort_size)
