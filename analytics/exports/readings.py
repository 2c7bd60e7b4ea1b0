"""One plain-English sentence per report chart, computed from the (suppressed) table it shows.

Sentences use only cells that are shown, so they never give away a withheld number.
"""

from __future__ import annotations

import pandas as pd

from analytics.charts.base import ordered_terms, term_key
from analytics.charts.palette import category_label, sector_label
from analytics.vocab import parse_term


def _num(value: object) -> float | None:
    number = pd.to_numeric(pd.Series([value], dtype="object"), errors="coerce").iloc[0]
    return None if pd.isna(number) else float(number)


def _count(value: float) -> str:
    return f"{value:,.0f}"


def _shown(frame: pd.DataFrame, column: str, by: str = "term") -> pd.DataFrame:
    """Rows whose ``column`` is shown, in term order of ``by``."""
    if frame.empty or column not in frame.columns:
        return frame.iloc[0:0]
    rows = frame[pd.to_numeric(frame[column], errors="coerce").notna()]
    return rows.iloc[sorted(range(len(rows)), key=lambda i: term_key(rows[by].iloc[i]))]


def _change(first: float, last: float) -> str:
    if last > first:
        return "grew"
    return "fell" if last < first else "held steady"


def growth(by_term: pd.DataFrame, in_progress: str | None = None) -> str:
    """'Participants grew from 69 in Spring 2018 to 201 in Spring 2020; courses from 8 to 20.'

    A last term still in progress is said to be so ("517 so far in Fall 2020, still in progress").
    """
    rows = _shown(by_term, "participants")
    if rows.empty:
        return "No participant numbers can be shown for these filters."
    first, last = rows.iloc[0], rows.iloc[-1]
    open_now = str(last["term"]) == in_progress
    when = f"{last['term']} (in progress, registrations so far)" if open_now else str(last["term"])
    if len(rows) == 1:
        return f"In {when}, {_count(_num(last['participants']))} teachers took part."
    a, b = _num(first["participants"]), _num(last["participants"])
    text = f"Participants {_change(a, b)} from {_count(a)} in {first['term']} to {_count(b)} in {when}"
    c1, c2 = _num(first["courses"]), _num(last["courses"])
    if c1 is not None and c2 is not None:
        text += f", and courses offered from {_count(c1)} to {_count(c2)}"
    return text + "."


def headline(numbers) -> str:
    """The headline participants in a sentence, against the same season a year earlier, or why not."""
    if not numbers:
        return "No data for these filters."
    first = numbers[0]
    state = " (still in progress: registrations so far)" if first.in_progress else ""
    if first.value is None:
        return f"In {first.term}{state}, the number of participants is withheld (too few to show)."
    text = f"In {first.term}{state}, {_count(first.value)} teachers took part"
    if first.previous_term and first.previous is not None:
        return text + f", against {_count(first.previous)} in {first.previous_term}, the same term a year earlier."
    if first.previous_term:
        return text + f"; the number for {first.previous_term}, the same term a year earlier, is withheld."
    return (
        text + f"; there is no {first.missing_comparison} to compare with." if first.missing_comparison else text + "."
    )


def years(by_year: pd.DataFrame, in_progress: str | None = None) -> str:
    """'In 2019-20, 846 teachers took part (582 of them new), against 737 in 2018-19; 2020-21 is in progress.'"""
    rows = _shown(by_year, "participants", by="school_year")
    if rows.empty:
        return "No participant numbers by school year can be shown for these filters."
    rows = rows.iloc[sorted(range(len(rows)), key=lambda i: str(rows["school_year"].iloc[i]))]
    done = rows[rows["school_year"].astype(str) != in_progress]
    text = ""
    if not done.empty:
        last = done.iloc[-1]
        text = f"In {last['school_year']}, {_count(_num(last['participants']))} teachers took part"
        new = _num(last["new_participants"])
        if new is not None:
            text += f" ({_count(new)} of them new)"
        if len(done) > 1:
            before = done.iloc[-2]
            text += f", against {_count(_num(before['participants']))} in {before['school_year']}"
    if in_progress and in_progress in set(rows["school_year"].astype(str)):
        so_far = rows[rows["school_year"].astype(str) == in_progress].iloc[0]
        tail = f"{in_progress} is in progress ({_count(_num(so_far['participants']))} so far; compared once it is over)"
        text = f"{text}; {tail}" if text else tail[0].upper() + tail[1:]
    return text + "."


def goals(progress: pd.DataFrame) -> str:
    """'Of 5 goals, 3 were met, 1 was not, and 1 is in progress.'"""
    if progress is None or progress.empty:
        return "No goals have been recorded."
    counts = progress["status"].value_counts()
    parts = []
    for status, one, many in (
        ("met", "was met", "were met"),
        ("not met", "was not met", "were not met"),
        ("in progress", "is in progress", "are in progress"),
        ("withheld", "is withheld", "are withheld"),
    ):
        n = int(counts.get(status, 0))
        if n:
            parts.append(f"{n} {one if n == 1 else many}")
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    total = len(progress)
    return f"Of {total} goal{'s' if total != 1 else ''}, {listed}."


def sectors(by_sector: pd.DataFrame) -> str:
    """'In Spring 2020, most participants came from District schools (92), then Charter (53) ...'"""
    if by_sector.empty:
        return "No participants for these filters."
    latest = ordered_terms(by_sector["term"])[-1]
    rows = by_sector[by_sector["term"].astype(str) == latest]
    shown = [(sector_label(s), _num(v)) for s, v in zip(rows["sector"], rows["participants"], strict=True)]
    counted = sorted(((n, label) for label, n in shown if n is not None), reverse=True)
    withheld = len(shown) - len(counted)
    if not counted:
        return f"In {latest}, participant counts by sector are withheld (too few to show)."
    head = f"In {latest}, most participants came from {counted[0][1]} schools ({_count(counted[0][0])})"
    rest = [f"{label} ({_count(n)})" for n, label in counted[1:]]
    if rest:
        head += ", then " + (", ".join(rest[:-1]) + " and " + rest[-1] if len(rest) > 1 else rest[0])
    if withheld:  # named, not counted: the table shows which rows are blank, and a count reads as people
        hidden = [label for label, n in shown if n is None]
        head += "; " + (", ".join(hidden[:-1]) + " and " + hidden[-1] if len(hidden) > 1 else hidden[0]) + " withheld"
    return head + "."


def strands(by_category: pd.DataFrame) -> str:
    """'Across Spring 2018 - Spring 2020, Supporting all learners drew the most enrollments (312), ...'"""
    if by_category.empty:
        return "No enrollments for these filters."
    values = by_category.assign(n=pd.to_numeric(by_category["enrollments"], errors="coerce"))
    totals = values.groupby("category")["n"].sum(min_count=1).dropna().sort_values(ascending=False)
    if totals.empty:
        return "Enrollments by strand are withheld for these filters (too few to show)."
    terms = ordered_terms(by_category["term"])
    when = terms[0] if len(terms) == 1 else f"{terms[0]} – {terms[-1]}"
    parts = [f"{category_label(c)} ({_count(n)})" for c, n in totals.items()]
    text = f"Across {when}, {parts[0]} drew the most enrollments shown"
    if len(parts) > 1:
        text += ", followed by " + ", ".join(parts[1:])
    return text + "."


def returning(by_term: pd.DataFrame) -> str:
    """'In Spring 2020, 34% of participants (69 of 201) had taken a course before; 35% in Spring 2019.'

    The comparison is the same term a year earlier (a summer beside a fall says nothing).
    """
    rows = _shown(by_term, "returning_rate")
    if rows.empty:
        return "The share of returning participants is withheld or not yet known for these filters."
    last = rows.iloc[-1]
    text = f"In {last['term']}, {_num(last['returning_rate']):.0%} of participants had taken a course before"
    n, d = _num(last["returning_participants"]), _num(last["participants"])
    if n is not None and d is not None:
        text += f" ({_count(n)} of {_count(d)})"
    term = parse_term(last["term"])
    earlier = rows[rows["term"].astype(str) == f"{term.season} {term.year - 1}"] if term else rows.iloc[0:0]
    if not earlier.empty:
        before = earlier.iloc[0]
        text += f", against {_num(before['returning_rate']):.0%} in {before['term']}, a year earlier"
    return text + "."


def exchange(cross: pd.DataFrame) -> str:
    """'62% of the enrollments shown were in courses led by a teacher from another sector.'"""
    values = pd.to_numeric(cross["enrollments"], errors="coerce") if not cross.empty else pd.Series(dtype=float)
    if values.dropna().empty or values.sum() == 0:
        return "No enrollments by sector can be shown for these filters."
    other = values[cross["leader_sector"].astype(str) != cross["participant_sector"].astype(str)].sum()
    share = other / values.sum()
    return (
        f"{share:.0%} of the enrollments shown ({_count(other)} of {_count(values.sum())}) were in courses "
        "led by a teacher from another sector."
    )


def pipeline(leaders: pd.DataFrame, conversion: pd.DataFrame) -> str:
    """'82 teachers have led a course by Spring 2020; in Spring 2020, 21 of 23 leaders had first taken part ...'"""
    sentences = []
    cumulative = _shown(leaders, "cumulative_leaders")
    if not cumulative.empty:
        last = cumulative.iloc[-1]
        sentences.append(f"{_count(_num(last['cumulative_leaders']))} teachers had led a course by {last['term']}")
    grown = _shown(leaders, "leaders_from_participants")
    grown = grown[pd.to_numeric(grown["leaders"], errors="coerce").notna()] if not grown.empty else grown
    if not grown.empty:
        row = grown.iloc[-1]
        sentences.append(
            f"in {row['term']}, {_count(_num(row['leaders_from_participants']))} of its "
            f"{_count(_num(row['leaders']))} leaders had first taken part as participants"
        )
    best = _shown(conversion, "conversion_rate", by="cohort")
    if not best.empty:
        row = best.iloc[0]
        sentences.append(
            f"{_num(row['conversion_rate']):.0%} of those who started in {row['cohort']} went on to lead a course"
        )
    if not sentences:
        return "Leader numbers are withheld for these filters (too few to show)."
    text = "; ".join(sentences)
    return text[0].upper() + text[1:] + "."
