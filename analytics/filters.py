"""The filters every table takes: sectors, categories (strands), a term range.

A user may type any spelling an import accepts (`SP18`, `Charter`,
`Culturally proficient`); values are normalised here and reach SQL only as
bound parameters, "no filter" as NULL.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from analytics.errors import UnknownValueError
from analytics.vocab import CATEGORIES, SECTORS, Term, normalise_category, normalise_sector, parse_term


@dataclass(frozen=True)
class Filters:
    sectors: tuple[str, ...] | None = None
    categories: tuple[str, ...] | None = None
    term_from: Term | None = None
    term_to: Term | None = None

    @classmethod
    def parse(
        cls,
        sectors: Iterable[str] | None = None,
        categories: Iterable[str] | None = None,
        term_from: str | Term | None = None,
        term_to: str | Term | None = None,
    ) -> Filters:
        """Filters from user spellings; an unknown value raises UnknownValueError listing the valid ones."""
        return cls(
            sectors=_parse_list(sectors, "sector", normalise_sector, SECTORS),
            categories=_parse_list(categories, "category", normalise_category, CATEGORIES),
            term_from=_parse_term(term_from),
            term_to=_parse_term(term_to),
        )

    @property
    def is_empty(self) -> bool:
        return not (self.sectors or self.categories or self.term_from or self.term_to)

    def params(self) -> dict[str, object]:
        """Named parameters for the metric queries ($sectors, $categories, $term_from, $term_to)."""
        return {
            "sectors": list(self.sectors) if self.sectors else None,
            "categories": list(self.categories) if self.categories else None,
            "term_from": self.term_from.order if self.term_from else None,
            "term_to": self.term_to.order if self.term_to else None,
        }

    def describe(self) -> str:
        """One line for export notes: what was filtered."""
        parts = []
        if self.sectors:
            parts.append("sectors: " + ", ".join(self.sectors))
        if self.categories:
            parts.append("strands: " + ", ".join(self.categories))
        if self.term_from or self.term_to:
            low = self.term_from.label if self.term_from else "first term"
            high = self.term_to.label if self.term_to else "latest term"
            parts.append(f"terms: {low} to {high}")
        return "; ".join(parts) if parts else "no filters (everything)"


def _parse_list(values, what, normalise, valid) -> tuple[str, ...] | None:
    if not values:
        return None
    out: list[str] = []
    for raw in values:
        text = str(raw).strip()
        value = text if text in valid else normalise(text)
        # normalise() maps unknown text to 'other'; a filter must not guess.
        if value is None or (value == "other" and text.lower() != "other"):
            raise UnknownValueError(what, text, list(valid))
        if value not in out:
            out.append(value)
    return tuple(out)


def _parse_term(raw: str | Term | None) -> Term | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, Term):
        return raw
    term = parse_term(raw)
    if term is None:
        raise UnknownValueError("term", str(raw), ["e.g. Spring 2018", "SP18", "Fall 2019", "2019 Summer"])
    return term
