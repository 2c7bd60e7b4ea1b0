"""Filters <-> the page address: ``?sector=charter&sector=district&category=...&term_from=...&term_to=...``.

Pure functions (no streamlit), so a link's meaning is tested without a browser.
Values a person might type or paste (`Charter`, `SP18`) are understood; values
that mean nothing are dropped with a notice, never an error.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from analytics.errors import UnknownValueError
from analytics.filters import Filters
from analytics.vocab import CATEGORIES, SECTORS, Term, parse_term

SECTOR_PARAM = "sector"
CATEGORY_PARAM = "category"
TERM_FROM_PARAM = "term_from"
TERM_TO_PARAM = "term_to"
QUERY_KEYS = (SECTOR_PARAM, CATEGORY_PARAM, TERM_FROM_PARAM, TERM_TO_PARAM)


@dataclass(frozen=True)
class UrlFilters:
    """Filters read from an address, and what in it was ignored (one sentence each)."""

    filters: Filters
    notices: tuple[str, ...] = ()


def _values(params: Mapping[str, Sequence[str] | str], key: str) -> list[str]:
    raw = params.get(key) or []
    values = [raw] if isinstance(raw, str) else list(raw)
    return [v.strip() for v in values if v and v.strip()]


def _parse_each(values: list[str], what: str, field: str, valid: tuple[str, ...], notices: list[str]) -> tuple | None:
    kept: list[str] = []
    for value in values:
        try:
            parsed = Filters.parse(**{field: [value]})
        except UnknownValueError:
            notices.append(f"{what} {value!r} is not one we know ({', '.join(valid)}), so it is ignored.")
            continue
        for item in getattr(parsed, field) or ():
            if item not in kept:
                kept.append(item)
    return tuple(kept) or None


def _parse_term(values: list[str], key: str, present: Sequence[Term], notices: list[str]) -> Term | None:
    if not values:
        return None
    if len(values) > 1:
        notices.append(f"{key} was given {len(values)} times; the first value is used.")
    term = parse_term(values[0])
    if term is None:
        notices.append(f"{key} {values[0]!r} is not a term (try 'Spring 2018' or 'SP18'), so it is ignored.")
        return None
    if present and term not in present:
        notices.append(f"{key} {term.label} has no data, so it is ignored.")
        return None
    return term


def filters_from_query(params: Mapping[str, Sequence[str] | str], present_terms: Sequence[Term] = ()) -> UrlFilters:
    """The filters an address asks for; anything not understood is ignored with a notice.

    ``params`` maps a key to its values (repeated keys give several). A term
    range given backwards is turned round; a term with no data is ignored.
    """
    notices: list[str] = []
    sectors = _parse_each(_values(params, SECTOR_PARAM), "Sector", "sectors", SECTORS, notices)
    categories = _parse_each(_values(params, CATEGORY_PARAM), "Strand", "categories", CATEGORIES, notices)
    term_from = _parse_term(_values(params, TERM_FROM_PARAM), TERM_FROM_PARAM, present_terms, notices)
    term_to = _parse_term(_values(params, TERM_TO_PARAM), TERM_TO_PARAM, present_terms, notices)
    if term_from and term_to and term_from > term_to:
        notices.append(f"The term range {term_from.label} to {term_to.label} was backwards; it is turned round.")
        term_from, term_to = term_to, term_from
    return UrlFilters(Filters(sectors, categories, term_from, term_to), tuple(notices))


def query_from_filters(filters: Filters) -> dict[str, list[str]]:
    """The query parameters that reproduce ``filters`` (canonical values; no key for "no filter")."""
    query: dict[str, list[str]] = {}
    if filters.sectors:
        query[SECTOR_PARAM] = list(filters.sectors)
    if filters.categories:
        query[CATEGORY_PARAM] = list(filters.categories)
    if filters.term_from:
        query[TERM_FROM_PARAM] = [filters.term_from.label]
    if filters.term_to:
        query[TERM_TO_PARAM] = [filters.term_to.label]
    return query


def filter_key(filters: Filters) -> tuple:
    """A plain, hashable form of ``filters`` (a cache key): sectors, strands, term orders."""
    return (
        filters.sectors or (),
        filters.categories or (),
        filters.term_from.order if filters.term_from else None,
        filters.term_to.order if filters.term_to else None,
    )


def filters_from_key(key: tuple) -> Filters:
    """The inverse of ``filter_key``."""
    sectors, categories, term_from, term_to = key
    return Filters(
        sectors=tuple(sectors) or None,
        categories=tuple(categories) or None,
        term_from=Term.from_order(term_from) if term_from is not None else None,
        term_to=Term.from_order(term_to) if term_to is not None else None,
    )
