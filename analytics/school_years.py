"""School years: `2019-20` is Summer 2019, Fall 2019, Winter 2020 and Spring 2020.

Summer opens the year because teachers' summer courses prepare the year ahead.
A school year is named by its first calendar year (its "start"): the term's year
for Summer and Fall, the year before for Winter and Spring.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analytics.vocab import Term

_YEAR_RE = re.compile(r"^\s*(?:sy\s*)?(\d{4})\s*[-\u2013/]\s*(\d{2}|\d{4})\s*$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class SchoolYear:
    """One school year, ordered by its start."""

    start: int

    @property
    def label(self) -> str:
        return f"{self.start}-{(self.start + 1) % 100:02d}"

    @property
    def terms(self) -> tuple[Term, ...]:
        """Its four terms in term order: Summer and Fall of the start year, Winter and Spring of the next."""
        return (Term(self.start, 3), Term(self.start, 4), Term(self.start + 1, 1), Term(self.start + 1, 2))

    @property
    def previous(self) -> SchoolYear:
        return SchoolYear(self.start - 1)

    def __str__(self) -> str:
        return self.label


def school_year_of(term: Term) -> SchoolYear:
    """The school year a term belongs to (Spring 2020 -> 2019-20, Summer 2020 -> 2020-21)."""
    return SchoolYear(term.year if term.season_no >= 3 else term.year - 1)


def start_of_order(term_order: int) -> int:
    """The start year of the school year of a warehouse term order (year * 10 + season)."""
    return school_year_of(Term.from_order(int(term_order))).start


def parse_school_year(raw: object) -> SchoolYear | None:
    """`2019-20`, `2019-2020`, `2019/20`, `SY2019-20` -> SchoolYear(2019); None when not a school year.

    The second year must follow the first (`2019-21` is not a school year).
    """
    match = _YEAR_RE.match(str(raw)) if raw is not None else None
    if not match:
        return None
    start, end = int(match[1]), int(match[2])
    following = start + 1 if len(match[2]) == 4 else (start + 1) % 100
    if end != following or not 1990 <= start <= 2100:
        return None
    return SchoolYear(start)
