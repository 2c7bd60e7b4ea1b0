"""What a column's values say it is: emails, terms, catalog courses, schools, sectors, scales, dates.

Each test looks at a sample of a column's non-blank values and answers with the
share of them that fit and a sentence a coordinator can check ("14 of 15
values are course titles of the Spring 2018 catalog"). ``Known`` is what the
warehouse already holds about a file's sampled values (their courses, their schools).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import duckdb

from analytics import vocab
from analytics.ingest.dates import parse_datetime
from analytics.warehouse import read_sql

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
CODE = re.compile(r"(?=.*[A-Za-z])(?=.*\d)[A-Za-z0-9][A-Za-z0-9._/#-]{1,19}")  # BEC-18S-01; not 10234 or "ED 101"
SAMPLE_ROWS = 500  # rows of a file whose values are looked at


@dataclass
class Known:
    """What the warehouse holds about one file's sampled values: its catalog courses and schools.

    Only the courses and schools a sampled value names are read (``for_values``), so the
    cost is the sample's, not the catalog's; ``catalog`` and ``school_list`` say whether
    the warehouse holds any at all (with none, a column is judged by its values' shape).
    """

    codes: dict[str, set[int]] = field(default_factory=dict)  # upper(code) -> term orders offering it
    titles: dict[str, set[int]] = field(default_factory=dict)  # lower(title) -> term orders
    schools: set[str] = field(default_factory=set)  # normalised school names
    catalog: bool = False  # the warehouse holds courses
    school_list: bool = False  # the warehouse holds schools

    @classmethod
    def for_values(cls, con: duckdb.DuckDBPyConnection, values: set[str]) -> Known:
        """The catalog courses and schools these (trimmed) values name, read now from the warehouse."""
        known = cls()
        cased = sorted({v.upper() for v in values} | {v.lower() for v in values})
        for code, title, order in con.execute(read_sql("ingest/known_courses.sql"), {"values": cased}).fetchall():
            if code:
                known.codes.setdefault(code, set()).add(order)
            if title:
                known.titles.setdefault(title, set()).add(order)
        keys = sorted({school_key(v) for v in values})
        for what, value in con.execute(read_sql("ingest/known_schools.sql"), {"keys": keys}).fetchall():
            if what == "school":
                known.schools.add(value)
            elif what == "catalog":
                known.catalog = True
            else:
                known.school_list = True
        return known


def sampled_values(rows: list[tuple[int, list]]) -> set[str]:
    """Every distinct non-blank value of a sample (line, cells), trimmed."""
    return {text for _, cells in rows for cell in cells if cell is not None and (text := str(cell).strip())}


def school_key(text: str) -> str:
    """Lower case, trimmed, each run of whitespace one space (str.split's whitespace is re's \\s)."""
    return " ".join(text.lower().split())


@dataclass(frozen=True)
class Fit:
    share: float  # of the sampled non-blank values
    evidence: str
    terms: frozenset[int] = frozenset()  # catalog terms every fitting course value is offered in
    weak: bool = False  # a shape only (a code-like text): counts with a header that agrees, never alone
    offered: frozenset[int] = frozenset()  # catalog terms offering any of the fitting course values


def _count(values: list[str], test: Callable[[str], bool], what: str) -> Fit:
    # each distinct value is tested once: a column of 500 rows holds a few dozen statuses or sectors
    hits = sum(n for value, n in Counter(values).items() if test(value))
    return Fit(hits / len(values), f"{hits} of {len(values)} values {what}")


def _course_fit(values: list[str], lookup: dict[str, set[int]], key: Callable[[str], str], what: str) -> Fit:
    distinct = {key(v) for v in values}
    hits = [v for v in values if key(v) in lookup]
    if not hits:
        return Fit(0.0, f"0 of {len(values)} values are course {what}s of the catalog")
    common = set.intersection(*(lookup[key(v)] for v in set(hits)))
    offered = frozenset(set.union(*(lookup[key(v)] for v in set(hits))))
    where = "the catalog"
    if len(common) == 1:
        where = f"the {vocab.Term.from_order(next(iter(common))).label} catalog"
    share = len(hits) / len(values)
    note = "" if len(distinct) > 1 else " (a single value)"
    evidence = f"{len(hits)} of {len(values)} values are course {what}s of {where}{note}"
    return Fit(share, evidence, frozenset(common), offered=offered)


# The tests of one value that need nothing but the value, each answer kept (per process) for the
# next column or file that holds the same text: the registration exports of one collaborative
# repeat their statuses, sectors, strands and answers, and at 1,000,000 enrollments the 19 files'
# samples asked 218,000 such questions of 118,000 distinct values.
_REMEMBERED = 1 << 16  # answers kept per test


@lru_cache(maxsize=_REMEMBERED)
def _emails(v: str) -> bool:
    return all(EMAIL.fullmatch(p) for p in re.split(r"[;,\s]+", v.strip()) if p)


@lru_cache(maxsize=_REMEMBERED)
def _term(v: str) -> bool:
    return vocab.parse_term(v) is not None


@lru_cache(maxsize=_REMEMBERED)
def _code_shape(v: str) -> bool:
    return bool(CODE.fullmatch(v.strip()))


@lru_cache(maxsize=_REMEMBERED)
def _title_shape(v: str) -> bool:
    return len(v.split()) >= 2 and not EMAIL.search(v)


@lru_cache(maxsize=_REMEMBERED)
def _sector(v: str) -> bool:
    return vocab.normalise_sector(v) not in (None, "other")


@lru_cache(maxsize=_REMEMBERED)
def _strand(v: str) -> bool:
    return vocab.normalise_category(v) not in (None, "other")


@lru_cache(maxsize=_REMEMBERED)
def _status(v: str) -> bool:
    return vocab.normalise_status(v) is not None


@lru_cache(maxsize=_REMEMBERED)
def _date(v: str) -> bool:
    return parse_datetime(v) is not None


def _scale(words: dict, v: str) -> bool:
    return vocab._clean(v) in words or bool(re.match(r"^\d+\s*[-–:]\s*\D", v.strip()))


@lru_cache(maxsize=_REMEMBERED)
def _rating(v: str) -> bool:
    return _scale(vocab._RATING_WORDS, v)


@lru_cache(maxsize=_REMEMBERED)
def _agreement(v: str) -> bool:
    return _scale(vocab._AGREE_WORDS, v)


@lru_cache(maxsize=_REMEMBERED)
def _recommend(v: str) -> bool:
    return vocab.parse_recommend(v) not in (None, vocab.INVALID)


@lru_cache(maxsize=_REMEMBERED)
def _lead_interest(v: str) -> bool:
    return vocab.parse_lead_interest(v) not in (None, vocab.INVALID)


def value_fit(canonical: str, values: list[str], known: Known) -> Fit | None:
    """How well the values fit this canonical column; None when values cannot tell."""
    if not values:
        return None
    if canonical in ("email", "leader_email", "mentor_email"):
        return _count(values, _emails, "are email addresses")
    if canonical == "term":
        return _count(values, _term, "parse as terms")
    if canonical == "course_title" and known.catalog:
        return _course_fit(values, known.titles, lambda v: v.strip().lower(), "title")
    if canonical == "course_code" and known.catalog:
        return _course_fit(values, known.codes, lambda v: v.strip().upper(), "code")
    if canonical == "course_code":  # no catalog yet: the shape of a code
        fit = _count(values, _code_shape, "look like course codes")
        return Fit(fit.share, fit.evidence, weak=True)
    if canonical == "course_title":
        fit = _count(values, _title_shape, "look like course titles")
        return Fit(fit.share, fit.evidence, weak=True)
    if canonical == "school" and known.school_list:
        return _count(values, lambda v: school_key(v) in known.schools, "are schools of the schools list")
    if canonical not in ("email", "leader_email", "mentor_email") and sum("@" in v for v in values) > len(values) / 2:
        return Fit(0.0, f"most of the {len(values)} values are email addresses")  # cheap: no word test needed
    if canonical in ("sector", "leader_sector", "mentor_sector"):
        return _count(values, _sector, "are sector names")
    if canonical == "category":
        return _count(values, _strand, "are strand names")
    if canonical == "status":
        return _count(values, _status, "are registration status words")
    if canonical in ("registered_at", "submitted_at", "start_date"):
        return _count(values, _date, "are dates")
    if canonical == "rating":
        return _count(values, _rating, "are rating or satisfaction answers")
    if canonical == "implement":
        return _count(values, _agreement, "are agreement answers")
    if canonical == "recommend":
        return _count(values, _recommend, "are 0-10 answers")
    if canonical == "lead_interest":
        return _count(values, _lead_interest, "are yes / no / maybe answers")
    return None


# Canonical columns values alone can propose (no header word needed), with the share they need.
BY_VALUES: dict[str, float] = {
    "email": 0.9,
    "leader_email": 0.9,
    "term": 0.9,
    "course_title": 0.8,
    "course_code": 0.8,
    "school": 0.8,
    "status": 0.9,
    "sector": 0.9,
    "category": 0.9,
    "rating": 0.9,
    "implement": 0.9,
}
