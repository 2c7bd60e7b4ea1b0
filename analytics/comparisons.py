"""Fair comparisons: a term beside the same season a year earlier, a school year beside the year before.

A summer term is always small, so a fall compared with the summer before it always
looks like a triumph; the headline numbers and report sentences therefore compare
Fall 2020 with Fall 2019, and 2019-20 with 2018-19, or say there is nothing to
compare with.

**Periods in progress.** A term is *in progress* while its registrations are open:
the rule (``in_progress_term``) is that the latest term with counting enrollments
is in progress when none of them is completed yet (completions are recorded when a
course ends). Its numbers are registrations so far: they are marked "so far" and
compared as such, never as a finished term. A school year is in progress until its
Spring term is over (``year_in_progress``); a year in progress lacks whole terms, so
it is not compared at all until it is over.

Everything here is a pure function of table frames (the live tables or a published
release's): a withheld cell arrives as pd.NA and is shown as withheld, with no arrow.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from analytics.school_years import parse_school_year, school_year_of
from analytics.vocab import Term, parse_term

# What the headlines show, in order: (column, label, kind).
HEADLINES: tuple[tuple[str, str, str], ...] = (
    ("participants", "Participants", "count"),
    ("courses", "Courses", "count"),
    ("schools", "Schools", "count"),
    ("returning_rate", "Returning rate", "rate"),
    ("leaders", "Teacher leaders", "count"),
)


@dataclass(frozen=True)
class Headline:
    """One headline number of a period (a term or a school year), beside the fair period to compare with."""

    key: str
    label: str
    kind: str  # "count" or "rate" (0-1)
    term: str  # the period shown: a term label, or a school year such as 2019-20
    value: float | None  # None when blank or withheld
    previous_term: str | None = None  # the period compared with; None when there is none (no arrow)
    previous: float | None = None
    in_progress: bool = False  # the period is not over: its numbers are "so far"
    missing_comparison: str | None = None  # the fair period that would be compared with, when it has no data

    @property
    def change(self) -> float | None:
        """Change from the period compared with (rate units for rates); None when either side is unknown."""
        if self.value is None or self.previous is None or self.previous_term is None:
            return None
        return self.value - self.previous

    @property
    def basis(self) -> str:
        """What the change is against, in words: `vs Fall 2019`, `so far, vs Fall 2019`, `no Fall 2019 ...`."""
        so_far = "so far, " if self.in_progress else ""
        if self.previous_term is not None:
            return f"{so_far}vs {self.previous_term}"
        if self.in_progress and parse_school_year(self.term) is not None:
            return "in progress: compared once the year is over"
        if self.missing_comparison:
            return f"{so_far}no {self.missing_comparison} to compare with"
        return "in progress" if self.in_progress else "nothing to compare with"


def number(value: object) -> float | None:
    """A cell as a float, None when blank or withheld (NA, NaN, '')."""
    try:
        result = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(result) else result


def same_season_a_year_earlier(term: Term) -> Term:
    return Term(term.year - 1, term.season_no)


def in_progress_term(enrollment_status: pd.DataFrame) -> str | None:
    """The term whose registrations are still open, from an ``enrollment_status`` frame; None if none.

    The latest term with counting (enrolled or completed) enrollments is in progress when none
    of them is completed yet. Earlier terms are over whatever they hold.
    """
    if enrollment_status is None or enrollment_status.empty:
        return None
    counts = pd.to_numeric(enrollment_status["enrollments"], errors="coerce").fillna(0)
    counting = enrollment_status[enrollment_status["status"].isin(["enrolled", "completed"]) & (counts > 0)]
    terms = [t for t in (parse_term(label) for label in counting["term"]) if t is not None]
    if not terms:
        return None
    latest = max(terms)
    statuses = set(counting.loc[[parse_term(label) == latest for label in counting["term"]], "status"])
    return None if "completed" in statuses else latest.label


def year_in_progress(latest_term: str | None, term_in_progress: str | None) -> str | None:
    """The school year still in progress, given the latest term in the data; None when every year is over.

    The latest term's year is over only once its Spring term is in the data and no longer in progress.
    """
    latest = parse_term(latest_term) if latest_term else None
    if latest is None:
        return None
    over = latest.season_no == 2 and latest.label != term_in_progress
    return None if over else school_year_of(latest).label


def period_over(period: str, latest_term: str | None, term_in_progress: str | None) -> bool:
    """Whether a term or school year is over, given the latest term in the data and the term in progress."""
    latest = parse_term(latest_term) if latest_term else None
    if latest is None:
        return False
    term = parse_term(period)
    if term is not None:
        return term < latest or (term == latest and latest.label != term_in_progress)
    year = parse_school_year(period)
    if year is None:
        raise ValueError(f"not a term or a school year: {period!r}")
    current = school_year_of(latest)
    return year < current or (year == current and year_in_progress(latest_term, term_in_progress) is None)


def _with_returning_rate(frame: pd.DataFrame) -> pd.DataFrame:
    if "returning_rate" in frame.columns:
        return frame
    participants = pd.to_numeric(frame["participants"], errors="coerce")
    returning = pd.to_numeric(frame["returning_participants"], errors="coerce")
    rate = (returning / participants.where(participants > 0)).round(4)
    return frame.assign(returning_rate=rate)


def headline_numbers(participation_by_term: pd.DataFrame, in_progress: str | None = None) -> list[Headline]:
    """Headlines of the latest term of a ``participation_by_term`` frame, against the same season a year earlier.

    ``in_progress`` names the term still open (``in_progress_term``); when it is the latest, its
    numbers are marked "so far". An empty frame gives an empty list.
    """
    found = _latest_period(participation_by_term, "term", parse_term)
    if found is None:
        return []
    frame, by_label, latest = found
    earlier = same_season_a_year_earlier(latest)
    row = frame.iloc[by_label[latest.label]]
    before = frame.iloc[by_label[earlier.label]] if earlier.label in by_label else None
    missing = earlier.label if before is None else None
    return _headlines(frame, latest.label, row, earlier.label, before, latest.label == in_progress, missing)


def year_headlines(participation_by_year: pd.DataFrame, in_progress: str | None = None) -> list[Headline]:
    """Headlines of the latest school year of a ``participation_by_year`` frame, against the year before.

    A year in progress (``in_progress``, from ``year_in_progress``) is shown "so far" and not compared.
    """
    found = _latest_period(participation_by_year, "school_year", parse_school_year)
    if found is None:
        return []
    frame, by_label, latest = found
    ongoing = latest.label == in_progress
    before_label = latest.previous.label
    row = frame.iloc[by_label[latest.label]]
    before = frame.iloc[by_label[before_label]] if before_label in by_label and not ongoing else None
    missing = None if before is not None or ongoing else before_label
    return _headlines(frame, latest.label, row, before_label, before, ongoing, missing)


def _latest_period(frame: pd.DataFrame | None, column: str, parse):
    """(the frame with its returning rate, its row number by period label, its latest period), or None when the
    frame names no period ``parse`` can read (a term or a school year)."""
    if frame is None or frame.empty:
        return None
    frame = _with_returning_rate(frame)
    by_label = {str(label): i for i, label in enumerate(frame[column])}
    periods = sorted(p for p in (parse(label) for label in by_label) if p is not None)
    return (frame, by_label, periods[-1]) if periods else None


def _headlines(
    frame: pd.DataFrame,
    period: str,
    row: pd.Series,
    before_label: str,
    before: pd.Series | None,
    in_progress: bool,
    missing: str | None,
) -> list[Headline]:
    """The HEADLINES of one period's row, each beside the same column of the period compared with."""
    return [
        Headline(
            key=column,
            label=label,
            kind=kind,
            term=period,
            value=number(row[column]),
            previous_term=None if before is None else before_label,
            previous=None if before is None else number(before[column]),
            in_progress=in_progress,
            missing_comparison=missing,
        )
        for column, label, kind in HEADLINES
        if column in frame.columns
    ]


def headline_heading(numbers: list[Headline]) -> str:
    """`Fall 2020 at a glance (in progress, registrations so far), compared with Fall 2019`."""
    if not numbers:
        return "At a glance"
    first = numbers[0]
    text = f"{first.term} at a glance"
    if first.in_progress:
        text += " (in progress: registrations so far)" if parse_term(first.term) else " (in progress)"
    if first.previous_term:
        return f"{text}, compared with {first.previous_term}"
    if first.missing_comparison:
        return f"{text}; no {first.missing_comparison} to compare with"
    return text
