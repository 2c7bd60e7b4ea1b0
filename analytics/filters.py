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

    def parts(self) -> tuple[FilterPart, ...]:
        """What is filtered, in order (sectors, strands, terms): the one description every text form is cut from."""
        parts = []
        if self.sectors:
            parts.append(FilterPart("sectors: " + ", ".join(self.sectors), "sector-" + "-".join(self.sectors)))
        if self.categories:
            parts.append(FilterPart("strands: " + ", ".join(self.categories), "strand-" + "-".join(self.categories)))
        if self.term_from or self.term_to:
            low, high = self.term_from, self.term_to
            parts.append(
                FilterPart(
                    f"terms: {low.label if low else 'first term'} to {high.label if high else 'latest term'}",
                    f"terms-{_term_slug(low, 'start')}-to-{_term_slug(high, 'latest')}",
                )
            )
        return tuple(parts)

    def describe(self) -> str:
        """The filters as a phrase, for pages and export notes: ``sectors: charter; terms: Spring 2018 to Fall 2019``."""
        return "; ".join(part.text for part in self.parts()) or "no filters (everything)"

    def slugs(self) -> list[str]:
        """The filters as file-name pieces (``sector-charter``, ``terms-spring2018-to-fall2019``); none when unfiltered."""
        return [part.slug for part in self.parts()]


@dataclass(frozen=True)
class FilterPart:
    """One filter in two forms: words for a reader, and a piece of a file name."""

    text: str  # "sectors: charter, district"
    slug: str  # "sector-charter-district"


def _term_slug(term: Term | None, open_end: str) -> str:
    return f"{term.season.lower()}{term.year}" if term else open_end


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
