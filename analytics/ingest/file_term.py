"""A term for a whole file that has no term column: from --term, the catalog, or the registration dates.

docs/DATA.md allows a proposal only when the evidence is unambiguous: every course
the file names is offered in one and the same term of the catalog, or every
registration date falls in one term's registration window. Registrations open
before a term starts, so the windows are: November-December for Winter (of the
next year), January-March for Spring, April-June for Summer, July-October for
Fall. When both the catalog and the dates speak, the dates may settle a choice
the catalog leaves open, never contradict it.
"""

from __future__ import annotations

from dataclasses import dataclass

from analytics.errors import ImportFileError
from analytics.ingest.dates import parse_datetime
from analytics.ingest.evidence import Known, value_fit
from analytics.vocab import Term, parse_term

_WINDOW_SEASON = {11: 1, 12: 1, 1: 2, 2: 2, 3: 2, 4: 3, 5: 3, 6: 3, 7: 4, 8: 4, 9: 4, 10: 4}


@dataclass(frozen=True)
class FileTerm:
    term: Term
    source: str  # "--term" | "catalog" | "registration dates" | "catalog and registration dates"
    evidence: str


def given_term(text: str, file: str) -> FileTerm:
    term = parse_term(text)
    if term is None:
        raise ImportFileError(file, f"--term {text!r} is not a season and year (e.g. Spring 2019)")
    return FileTerm(term, "--term", f"given with --term {text!r}")


def registration_term(moment) -> Term:
    year = moment.year + (1 if moment.month >= 11 else 0)
    return Term(year, _WINDOW_SEASON[moment.month])


def propose_term(
    kind: str, course_values: dict[str, list[str]], date_values: list[str], known: Known
) -> tuple[FileTerm | None, str]:
    """(the proposal, or None and why none) from the course columns' values and the registration dates."""
    catalog: set[int] | None = None
    offered: set[int] = set()
    said = ""
    for canonical, values in course_values.items():
        fit = value_fit(canonical, values, known) if values else None
        if fit is None or fit.share < 0.8:
            continue
        catalog = set(fit.terms) if catalog is None else catalog & fit.terms
        offered |= fit.offered
        said = fit.evidence
    dated: set[int] = set()
    parsed = [m for m in (parse_datetime(v) for v in date_values) if m] if kind == "enrollments" else []
    if parsed and len(parsed) >= 0.9 * len(date_values):
        dated = {registration_term(m).order for m in parsed}
    if catalog and len(catalog) == 1:
        term = Term.from_order(next(iter(catalog)))
        return FileTerm(term, "catalog", f"{said}: every one of them is offered in {term.label}"), ""
    if catalog and len(dated) == 1 and dated <= catalog:
        term = Term.from_order(next(iter(dated)))
        return FileTerm(
            term,
            "catalog and registration dates",
            f"the courses are offered in {_labels(catalog)}; every registration date falls in {term.label}'s window",
        ), ""
    if catalog is None and len(dated) == 1:
        term = Term.from_order(next(iter(dated)))
        first, last = min(parsed), max(parsed)
        return FileTerm(
            term,
            "registration dates",
            f"every registration date ({first:%b %-d, %Y} to {last:%b %-d, %Y}) falls in {term.label}'s window",
        ), ""
    if catalog or offered:
        return None, f"the courses named are offered in several terms ({_labels(catalog or offered)})"
    if len(dated) > 1:
        return None, f"the registration dates span several terms ({_labels(dated)})"
    return None, "no term column, and neither the catalog nor dates say which term"


def _labels(orders: set[int]) -> str:
    return ", ".join(Term.from_order(o).label for o in sorted(orders))
