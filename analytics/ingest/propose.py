"""Placing every column of a file: a mapping file, a saved layout, a synonym, then a proposal.

For one candidate kind, ``place_columns`` gives each column a ``Choice``: the
canonical name it is read as (None = ignored), why, how sure, and from where.
The precedence is docs/DATA.md's: a ``--mapping`` file beats a saved layout, which
beats a header synonym, which beats a proposal. A proposal comes from the
header's words and the column's values (``evidence.value_fit``); a synonym
whose values contradict it (an `Email` column of "anonymous", an empty `Name`)
yields its name to a column whose values fit, and says so.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from analytics.ingest.evidence import BY_VALUES, Known, value_fit
from analytics.ingest.headers import COURSES_ALIASES, KIND_COLUMNS, canonical_for, norm

MIN_CONFIDENCE = 0.55  # below this a column is left unplaced (ignored, and named as such)


@dataclass(frozen=True)
class Choice:
    to: str | None  # canonical name, or None: not imported (kept in rejected rows' raw JSON only)
    evidence: str
    confidence: float
    source: str  # "mapping" | "layout" | "synonym" | "proposal" | "none"

    def to_dict(self) -> dict:
        return {
            "to": self.to,
            "evidence": self.evidence,
            "confidence": round(self.confidence, 2),
            "source": self.source,
        }


# Header words that suggest a column (any alternative: all its word stems occur), weaker than a synonym.
_WORDS: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = (
    ("leader_email", (("lead",), ("facilitator",), ("instructor",))),  # with email-shaped values only
    ("mentor_email", (("mentor",), ("coach",))),
    ("leader_name", (("lead", "teacher"), ("leader",), ("facilitator",), ("instructor",), ("presenter",))),
    ("mentor_name", (("mentor",), ("coach",))),
    ("email", (("email",), ("e", "mail"))),
    ("first_name", (("first", "name"), ("given", "name"))),
    ("last_name", (("last", "name"), ("surname",), ("family", "name"))),
    ("full_name", (("full", "name"), ("your", "name"), ("participant", "name"), ("teacher", "name"))),
    ("recommend", (("recommend",), ("likely",))),
    ("lead_interest", (("lead",), ("leader",))),
    ("implement", (("implement",), ("agree",), ("classroom",), ("practice",))),
    ("rating", (("rat",), ("satisf",), ("overall",), ("quality",))),
    ("comments", (("comment",), ("suggest",), ("feedback",), ("else",), ("improve",))),
    ("term", (("term",), ("semester",), ("season",))),
    ("category", (("strand",), ("category",), ("focus",))),
    ("course_code", (("course", "code"), ("course", "id"), ("course", "number"), ("section",))),
    ("course_title", (("course",), ("workshop",), ("class",), ("ticket",), ("offering",), ("event",))),
    ("sector", (("sector",), ("school", "type"), ("type", "school"), ("network",))),
    ("school", (("school",), ("building",), ("organi",), ("work",))),
    ("status", (("status",),)),
    ("registered_at", (("order", "date"), ("regist", "date"), ("created",), ("start", "time"))),
    ("submitted_at", (("submit",), ("complet", "time"), ("end", "date"), ("recorded",))),
    ("start_date", (("start",), ("begin",), ("first", "session"))),
    ("role", (("role",), ("position",), ("job",))),
    ("grade_band", (("grade",),)),
    ("subject", (("subject",), ("content", "area"))),
    ("referred_by", (("hear",), ("refer",))),
    ("capacity", (("capacity",), ("seats",))),
    ("sessions", (("sessions",), ("meetings",))),
    ("neighborhood", (("neighbo",),)),
)


@functools.lru_cache(maxsize=4096)
def words_suggest(text: str) -> tuple[str, ...]:
    """Canonical names the words of a header (or question) suggest, most specific first."""
    words = re.findall(r"[a-z0-9]+", text.lower().replace("#", " number "))
    joined = " ".join(words)
    found = []
    for canonical, alternatives in _WORDS:
        if any(all(re.search(rf"\b{re.escape(w)}", joined) for w in needed) for needed in alternatives):
            found.append(canonical)
    return tuple(found)


def _alias(kind: str, canonical: str | None) -> str | None:
    if kind == "courses" and canonical in COURSES_ALIASES:
        return COURSES_ALIASES[canonical]
    return canonical


_DATES = frozenset({"registered_at", "submitted_at", "start_date"})


def _fit(canonical: str, values: list[str], known: Known, memo: dict):
    """value_fit, once per canonical column and list of values (the three date columns share one test)."""
    key = ("a date" if canonical in _DATES else canonical, id(values))
    if key not in memo:
        memo[key] = (value_fit(canonical, values, known), values)  # the list is kept so its id stays its own
    return memo[key][0]


def _score(canonical: str, header: str, values: list[str], known: Known, suggested: list[str], memo: dict):
    """(confidence, evidence, fit) of reading this column as ``canonical``, or None."""
    # the three date columns run the same test: the values are parsed once for all of them
    fit = _fit(canonical, values, known, memo)
    by_words = canonical in suggested
    if fit is not None and values:
        alone = BY_VALUES.get(canonical, 2.0) if not fit.weak else 2.0
        if fit.share >= alone or (by_words and fit.share >= 0.6):
            bonus = 0.2 if by_words else 0.0
            words = f"; the header {header!r} suggests it" if by_words else ""
            return min(0.99, 0.45 + 0.4 * fit.share + bonus), fit.evidence + words, fit
        if by_words and fit.share < 0.3:
            return None  # the header suggests it, the values say no
    if by_words:
        if not values:
            return 0.56, f"the header {header!r} suggests it (no values to check)", None
        return 0.6, f"the header {header!r} suggests it", None
    return None


def place_columns(
    kind: str,
    headers: list[str],
    questions: dict[int, str],
    columns: list[list[str]],
    fixed: dict[int, Choice],
    known: Known,
    memo: dict | None = None,
) -> dict[int, Choice]:
    """Every column's Choice for a file of this kind. ``columns[pos]`` holds its sampled non-blank values.

    ``memo`` keeps value tests between the kinds tried for one file.
    """
    memo = {} if memo is None else memo
    wanted = KIND_COLUMNS[kind]
    choices: dict[int, Choice] = {}
    taken: dict[str, int] = {}
    for pos, choice in fixed.items():
        choices[pos] = choice
        if choice.to:
            taken[choice.to] = pos
    # synonyms, first header claiming a name wins
    for pos, header in enumerate(headers):
        if pos in choices:
            continue
        canonical = _alias(kind, canonical_for(header, kind))
        if canonical in wanted and canonical not in taken:
            choices[pos] = Choice(canonical, f"{header!r} is a known header for {canonical}", 0.99, "synonym")
            taken[canonical] = pos
    _explicit_leader_columns(kind, headers, choices, taken)
    if {"first_name", "last_name"} <= set(taken):
        wanted = tuple(c for c in wanted if c != "full_name")  # the name is already in two columns
    # proposals for the rest, the surest first
    candidates = []
    for pos, header in enumerate(headers):
        if pos in choices and choices[pos].source != "synonym":
            continue
        if pos in choices and not _yields(choices[pos], columns[pos], choices[pos].to, known, memo):
            continue  # a synonym its own values bear out: no proposal for this column could take it over
        text = " ".join(t for t in (header, questions.get(pos, "")) if t)
        suggested = [_alias(kind, c) for c in words_suggest(text)]
        for canonical in wanted:
            if pos in choices and choices[pos].to == canonical:
                continue
            scored = _score(canonical, header or f"column {pos + 1}", columns[pos], known, suggested, memo)
            if scored:
                proven = scored[2] is not None and scored[2].share >= 0.8  # the values, not just the words
                candidates.append((scored[0], -pos, canonical, scored[1], pos, proven))
    for confidence, _, canonical, evidence, pos, proven in sorted(candidates, reverse=True):
        current = choices.get(pos)
        if confidence < MIN_CONFIDENCE or (current and current.source in ("mapping", "layout", "confirmed")):
            continue
        if current and current.to and current.source != "synonym":
            continue  # already given a surer proposal
        holder = taken.get(canonical)
        if (holder is not None or (current and current.to)) and not proven:
            continue  # only values can overturn a synonym
        if holder is not None and not _yields(choices[holder], columns[holder], canonical, known, memo):
            continue
        if current and current.to:  # a synonym column: only when its own values contradict its synonym
            if not _yields(current, columns[pos], current.to, known, memo):
                continue
            del taken[current.to]
        if holder is not None:
            old = choices[holder]
            choices[holder] = Choice(
                None,
                f"{old.evidence}, but {_why_not(columns[holder], canonical, known)}; "
                f"{headers[pos]!r} is read as {canonical} instead",
                0.8,
                "proposal",
            )
        choices[pos] = Choice(canonical, evidence, confidence, "proposal")
        taken[canonical] = pos
    for pos, header in enumerate(headers):
        if pos not in choices:
            choices[pos] = Choice(None, _unplaced(header, columns[pos]), 0.0, "none")
    return dict(sorted(choices.items()))


def _why_not(values: list[str], canonical: str, known: Known) -> str:
    if not values:
        return "the column is empty"
    fit = value_fit(canonical, values, known)
    return fit.evidence if fit else "its values do not fit"


def _yields(choice: Choice, values: list[str], canonical: str, known: Known, memo: dict) -> bool:
    """Whether a synonym placement gives way: its column is empty, or under half its values fit."""
    if choice.source != "synonym":
        return False
    if not values:
        return True
    fit = _fit(canonical, values, known, memo)
    return fit is not None and fit.share < 0.5


def _unplaced(header: str, values: list[str]) -> str:
    if not values:
        return "empty column"
    return f"no synonym or proposal fits {header!r}" if header.strip() else "no header"


def _explicit_leader_columns(kind: str, headers: list[str], choices: dict[int, Choice], taken: dict) -> None:
    """In a catalog, `Email` is the leader's only when no column says `Leader email` explicitly."""
    if kind != "courses":
        return
    for canonical, pos in list(taken.items()):
        choice = choices[pos]
        if choice.source != "synonym" or canonical_for(headers[pos], kind) == canonical:
            continue
        explicit = [p for p, h in enumerate(headers) if canonical_for(h, kind) == canonical and p != pos]
        if explicit and explicit[0] not in choices:
            choices[explicit[0]] = Choice(
                canonical, f"{headers[explicit[0]]!r} is a known header for {canonical}", 0.99, "synonym"
            )
            del choices[pos]
            taken[canonical] = explicit[0]


def header_signature(headers: list[str]) -> str:
    """The key a saved layout is found by: the headers in order, normalised."""
    return "|".join(norm(h) for h in headers)
