"""The collaborative's vocabulary: terms, sectors, strands, statuses, answer scales.

One place says how every spelling found in real exports maps to its canonical
value. Imports apply these functions to the *distinct* raw values of a file
(a few dozen) and join the result back in SQL, so a million rows cost a
million-row join, not a million Python calls. Filters typed by a user
(`SP18`, `Charter`) go through the same functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# --- terms -------------------------------------------------------------------

SEASONS = ("Winter", "Spring", "Summer", "Fall")  # order within a year
_SEASON_WORDS = {
    "winter": "Winter",
    "wi": "Winter",
    "win": "Winter",
    "wint": "Winter",
    "wtr": "Winter",
    "spring": "Spring",
    "sp": "Spring",
    "spr": "Spring",
    "spg": "Spring",
    "summer": "Summer",
    "su": "Summer",
    "sum": "Summer",
    "sm": "Summer",
    "smr": "Summer",
    "fall": "Fall",
    "fa": "Fall",
    "fal": "Fall",
    "f": "Fall",
    "autumn": "Fall",
    "au": "Fall",
    "aut": "Fall",
}
_SEP = r"[\s\-_/.,:]*"
_SEASON_RE = "|".join(sorted(map(re.escape, _SEASON_WORDS), key=len, reverse=True))
_TERM_RES = (
    re.compile(rf"^(?P<season>{_SEASON_RE}){_SEP}(?:term|semester)?{_SEP}'?(?P<year>\d{{4}}|\d{{2}})$"),
    re.compile(rf"^(?P<year>\d{{4}}|\d{{2}}){_SEP}(?P<season>{_SEASON_RE}){_SEP}(?:term|semester)?$"),
)


@dataclass(frozen=True, order=True)
class Term:
    """A term of the collaborative. Orders by year, then Winter < Spring < Summer < Fall."""

    year: int
    season_no: int  # 1 = Winter ... 4 = Fall

    @property
    def season(self) -> str:
        return SEASONS[self.season_no - 1]

    @property
    def label(self) -> str:
        return f"{self.season} {self.year}"

    @property
    def order(self) -> int:
        """Sort key stored beside every term in the warehouse (year * 10 + season)."""
        return self.year * 10 + self.season_no

    @classmethod
    def from_order(cls, order: int) -> Term:
        return cls(order // 10, order % 10)

    def __str__(self) -> str:
        return self.label


def parse_term(raw: object) -> Term | None:
    """`Spring 2017`, `2017 Spring`, `Spring '17`, `SP17`, `2017-SP`, `Autumn 2018` ... or None."""
    if raw is None:
        return None
    text = re.sub(r"[\u2018\u2019`´]", "'", str(raw)).strip().lower()
    text = re.sub(r"\s+", " ", text)
    for pattern in _TERM_RES:
        match = pattern.match(text)
        if match:
            year = int(match["year"])
            if year < 100:
                year += 2000
            if not 1990 <= year <= 2100:
                return None
            season = _SEASON_WORDS[match["season"]]
            return Term(year, SEASONS.index(season) + 1)
    return None


# --- sectors -----------------------------------------------------------------

SECTORS = ("district", "charter", "catholic", "independent", "other")
SECTOR_LABELS = {
    "district": "District",
    "charter": "Charter",
    "catholic": "Catholic",
    "independent": "Independent",
    "other": "Other",
}
# Checked in this order, so "Horace Mann charter public school" is charter and
# "Boston Public Schools (BPS)" is district. Words match whole, any case.
_SECTOR_PATTERNS = (
    ("charter", r"charter"),
    ("catholic", r"catholic|parochial|archdiocese|archdiocesan|diocesan"),
    ("independent", r"independent|private"),
    ("district", r"district|public|bps|boston public schools|pilot|traditional public|innovation"),
    ("other", r"other"),
)


_SECTOR_SEARCH = tuple((sector, re.compile(rf"\b(?:{pattern})\b")) for sector, pattern in _SECTOR_PATTERNS)


def normalise_sector(raw: object, extra: dict[str, str] | None = None) -> str | None:
    """Canonical sector, or None when blank. Unrecognised text is `other`.

    ``extra`` maps a user's own spellings (a mapping file's ``[sectors]``) first.
    """
    return _canonical(raw, extra, _SECTOR_SEARCH)


def _canonical(raw: object, extra: dict[str, str] | None, search: tuple[tuple[str, re.Pattern], ...]) -> str | None:
    """The value ``raw`` spells: a user's own spelling (``extra``) first, then the first pattern found in it;
    `other` when none is, None when blank."""
    text = _clean(raw)
    if not text:
        return None
    if extra:
        for spelling, value in extra.items():
            if _clean(spelling) == text:
                return value
    for value, pattern in search:
        if pattern.search(text):
            return value
    return "other"


# --- categories (strands) ----------------------------------------------------

# The strands, once: (code, label, how an export may spell it). A new strand is one more line here,
# before `other` (the catch-all for text no pattern recognises); the SQL reads strands as data, and
# docs/decisions/080-adding-a-table.md lists what else to check.
_STRANDS = (
    ("all_learners", "Supporting all learners", r"all[ _-]?learners?"),
    ("culturally_proficient", "Culturally proficient strategies", r"cultur\w*"),
    ("rigorous_curricula", "Rigorous curricula, rich content", r"rigou?r\w*|rich content|curricul\w*"),
    ("other", "Other", r"other"),
)
CATEGORIES = tuple(code for code, _, _ in _STRANDS)
CATEGORY_LABELS = {code: label for code, label, _ in _STRANDS}
# A strand's words may run on ("curricula", "culturally"): matched from the start of a word only.
_CATEGORY_SEARCH = tuple((code, re.compile(rf"\b(?:{pattern})")) for code, _, pattern in _STRANDS)


def normalise_category(raw: object, extra: dict[str, str] | None = None) -> str | None:
    """Canonical strand, or None when blank. Unrecognised text is `other`."""
    return _canonical(raw, extra, _CATEGORY_SEARCH)


# --- enrollment status -------------------------------------------------------

STATUSES = ("enrolled", "completed", "withdrawn", "waitlisted")
_STATUS_WORDS = {
    **dict.fromkeys(
        ("enrolled", "enroled", "registered", "active", "attending", "confirmed", "checked in", "attended"),
        "enrolled",
    ),
    **dict.fromkeys(("completed", "complete", "finished", "passed", "credit earned"), "completed"),
    **dict.fromkeys(
        (
            "withdrawn",
            "withdrew",
            "withdraw",
            "dropped",
            "cancelled",
            "canceled",
            "refunded",
            "not attending",
            "no show",
            "deleted",
        ),
        "withdrawn",
    ),
    **dict.fromkeys(
        ("waitlist", "waitlisted", "wait list", "wait listed", "on waitlist", "on wait list"), "waitlisted"
    ),
}


def normalise_status(raw: object, extra: dict[str, str] | None = None) -> str | None:
    """Canonical status; blank is `enrolled`; None when the text is not a status.

    ``extra`` maps a tool's own words (a mapping file's or a layout's ``[statuses]``) first.
    """
    text = _clean(raw)
    if not text:
        return "enrolled"
    if extra:
        for spelling, status in extra.items():
            if _clean(spelling) == text:
                return status
    text = text.replace("-", " ").replace("_", " ")
    return _STATUS_WORDS.get(text)


def propose_status(raw: object) -> tuple[str, str] | None:
    """(status, the known word it contains) for a tool's own status text, e.g. `Cancelled by attendee`."""
    text = _clean(raw).replace("-", " ")
    for word in sorted(_STATUS_WORDS, key=len, reverse=True):
        if re.search(rf"\b{re.escape(word)}\b", text):
            return _STATUS_WORDS[word], word
    return None


# --- survey answers ----------------------------------------------------------

# 5-point quality and satisfaction scales.
_RATING_WORDS = {
    "very poor": 1,
    "poor": 1,
    "fair": 2,
    "good": 3,
    "very good": 4,
    "excellent": 5,
    "very dissatisfied": 1,
    "dissatisfied": 2,
    "neither satisfied nor dissatisfied": 3,
    "neutral": 3,
    "satisfied": 4,
    "very satisfied": 5,
    # the 7-point satisfaction scale, onto 1-5 as the agreement scale below
    "extremely dissatisfied": 1,
    "somewhat dissatisfied": 2,
    "somewhat satisfied": 4,
    "extremely satisfied": 5,
}
# 5- and 7-point agreement. The 7 points go onto 1-5 by position (1 + 4 * (k - 1) / 6, rounded),
# so "Agree" and "Disagree" mean the same on both scales and "Somewhat" sits beside them.
_AGREE_WORDS = {
    "strongly disagree": 1,
    "disagree": 2,
    "somewhat disagree": 2,
    "neither agree nor disagree": 3,
    "neither agree or disagree": 3,
    "neutral": 3,
    "neither": 3,
    "somewhat agree": 4,
    "agree": 4,
    "strongly agree": 5,
}
# Net Promoter labels: the ends of the 0-10 scale, alone or after the number.
_RECOMMEND_WORDS = {"not at all likely": 0, "extremely likely": 10, "not likely at all": 0}
_LEAD_WORDS = {
    "yes": "yes",
    "y": "yes",
    "no": "no",
    "n": "no",
    "not now": "no",
    "no thanks": "no",
    "maybe": "maybe",
    "not sure": "maybe",
}
_LEADING_INT = re.compile(r"^(\d+)(?:\.0+)?(?:\s*[-–:(].*)?$")


def _score(raw: object, words: dict[str, int], low: int, high: int) -> int | None | str:
    """A score in [low, high]; None when blank; the string 'invalid' when it does not parse."""
    text = _clean(raw)
    if not text:
        return None
    if text in words:
        return words[text]
    match = _LEADING_INT.match(text)
    if match and low <= int(match[1]) <= high:
        return int(match[1])
    return INVALID


INVALID = "invalid"


def parse_rating(raw: object) -> int | None | str:
    """1-5 or Poor..Excellent."""
    return _score(raw, _RATING_WORDS, 1, 5)


def parse_recommend(raw: object) -> int | None | str:
    """0-10 (`10 - Extremely likely` is 10)."""
    return _score(raw, _RECOMMEND_WORDS, 0, 10)


def parse_implement(raw: object) -> int | None | str:
    """1-5 agreement or Strongly disagree..Strongly agree."""
    return _score(raw, _AGREE_WORDS, 1, 5)


def parse_lead_interest(raw: object) -> str | None:
    """yes / no / maybe; None when blank; INVALID otherwise."""
    text = _clean(raw)
    if not text:
        return None
    if text in _LEAD_WORDS:
        return _LEAD_WORDS[text]
    for phrase in ("not now", "not sure", "no thanks"):
        if text.startswith(phrase):
            return _LEAD_WORDS[phrase]
    first = re.split(r"[\s,.;:!-]+", text)[0]
    return _LEAD_WORDS.get(first, INVALID)


# --- people ------------------------------------------------------------------


def _clean(raw: object) -> str:
    if raw is None:
        return ""
    text = str(raw).strip().lower()
    if text in ("nan", "none", "null", "n/a"):
        return ""
    return re.sub(r"\s+", " ", text)
