"""One plain-English sentence per report chart, computed from the (suppressed) table it shows.

Sentences use only cells that are shown, so they never give away a withheld number.
"""

from __future__ import annotations

import pandas as pd

from analytics.charts.base import ordered_terms, term_key
from analytics.charts.palette import category_label, sector_label


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


def growth(by_term: pd.DataFrame) -> str:
    """'Participants grew from 69 in Spring 2018 to 201 in Spring 2020; courses from 8 to 20.'"""
    rows = _shown(by_term, "participants")
    if rows.empty:
        return "No participant numbers can be shown for these filters."
    first, last = rows.iloc[0], rows.iloc[-1]
    if len(rows) == 1:
        return f"In {last['term']}, {_count(_num(last['participants']))} teachers took part."
    a, b = _num(first["participants"]), _num(last["participants"])
    text = f"Participants {_change(a, b)} from {_count(a)} in {first['term']} to {_count(b)} in {last['term']}"
    c1, c2 = _num(first["courses"]), _num(last["courses"])
    if c1 is not None and c2 is not None:
        text += f", and courses offered from {_count(c1)} to {_count(c2)}"
    return text + "."


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
    if withheld:
        head += f"; {withheld} smaller sector(s) withheld"
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
    """'In Spring 2020, 34% of participants (69 of 201) had taken a course before; 35% in Fall 2019.'"""
    rows = _shown(by_term, "returning_rate")
    if rows.empty:
        return "The share of returning participants is withheld or not yet known for these filters."
    last = rows.iloc[-1]
    text = f"In {last['term']}, {_num(last['returning_rate']):.0%} of participants had taken a course before"
    n, d = _num(last["returning_participants"]), _num(last["participants"])
    if n is not None and d is not None:
        text += f" ({_count(n)} of {_count(d)})"
    if len(rows) > 1:
        before = rows.iloc[-2]
        text += f", against {_num(before['returning_rate']):.0%} in {before['term']}"
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
