"""An independent pandas implementation of every METRICS.md table, to check the SQL against.

Written from METRICS.md, not from the queries: it reads the canonical tables
as they are and derives everything (first terms, sectors in a term, leader
sectors) itself, step by step, the slow obvious way. ``reference(con, name,
filters)`` returns the same columns as ``analytics.metrics.compute``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.filters import Filters
from analytics.metrics import TABLES
from analytics.vocab import Term

COUNTING = ("enrolled", "completed")


def _label(order: int) -> str:
    return Term.from_order(int(order)).label


def _school_key(name) -> str | None:
    if name is None or (isinstance(name, float) and np.isnan(name)):
        return None
    key = " ".join(str(name).lower().split())
    return key or None


def _rate(numerator, denominator, digits: int = 4) -> float:
    return round(numerator / denominator, digits) if denominator else np.nan


class Data:
    """The warehouse's canonical tables as DataFrames, plus the facts derived from them."""

    def __init__(self, con) -> None:
        def table(name: str) -> pd.DataFrame:
            return con.execute(f"select * from {name}").df()

        self.courses = table("courses")
        self.staff = table("course_staff").merge(self.courses[["course_id", "term_order"]], on="course_id")
        self.schools = table("schools")
        self.enrollments = table("enrollments").merge(self.courses[["course_id", "category"]], on="course_id")
        self.surveys = table("survey_responses").merge(self.courses[["course_id", "category"]], on="course_id")
        self.terms = sorted(set(self.courses.term_order) | set(self.enrollments.term_order))

        counting = self.enrollments[self.enrollments.status.isin(COUNTING)].copy()
        # Latest-registered first; a blank registration time sorts last; then the later load and line.
        counting = counting.sort_values(
            ["registered_at", "batch_id", "source_line", "course_id"], ascending=False, na_position="last"
        )
        sector_in_term = counting.groupby(["person_id", "term_order"]).sector.first().rename("participant_sector")
        first_term = counting.groupby("person_id").term_order.min().rename("first_term")
        facts = counting.drop(columns="sector").join(sector_in_term, on=["person_id", "term_order"])
        self.facts = facts.join(first_term, on="person_id").rename(columns={"participant_sector": "sector"})
        self.facts["school_key"] = self.facts.school.map(_school_key)
        self.sector_in_term = sector_in_term
        self.first_term = first_term
        # A person's own latest counting enrollment: latest term, then latest registered in it.
        latest = counting.sort_values("term_order", ascending=False, kind="stable")
        self.own_sector = latest.groupby("person_id").sector.first()

    def staff_sector(self, row) -> str:
        if isinstance(row.sector, str):
            return row.sector
        key = _school_key(row.school)
        match = self.schools[self.schools.school_key == key]
        if key and len(match):
            return match.sector.iloc[0]
        return self.own_sector.get(row.person_id, "other")

    def counted(self, f: Filters, *, term_range: bool = True) -> pd.DataFrame:
        out = self.facts
        if f.sectors:
            out = out[out.sector.isin(f.sectors)]
        if f.categories:
            out = out[out.category.isin(f.categories)]
        return self.in_terms(out, f) if term_range else out

    @staticmethod
    def in_terms(frame: pd.DataFrame, f: Filters, column: str = "term_order") -> pd.DataFrame:
        if f.term_from:
            frame = frame[frame[column] >= f.term_from.order]
        if f.term_to:
            frame = frame[frame[column] <= f.term_to.order]
        return frame

    def staff_of(self, course_ids, role: str) -> pd.DataFrame:
        return self.staff[(self.staff.role == role) & self.staff.course_id.isin(set(course_ids))]


def _people_counts(group: pd.DataFrame, term: int) -> dict:
    people = group.drop_duplicates("person_id")
    return {
        "participants": len(people),
        "new_participants": int((people.first_term == term).sum()),
        "returning_participants": int((people.first_term < term).sum()),
    }


def participation_by_term(d: Data, f: Filters) -> list[dict]:
    rows = []
    for term, g in d.counted(f).groupby("term_order"):
        rows.append(
            {
                "term": term,
                "courses": g.course_id.nunique(),
                "enrollments": len(g),
                **_people_counts(g, term),
                "schools": g.school_key.dropna().nunique(),
                "leaders": d.staff_of(g.course_id, "leader").person_id.nunique(),
                "mentors": d.staff_of(g.course_id, "mentor").person_id.nunique(),
            }
        )
    return rows


def participation_by_sector(d: Data, f: Filters) -> list[dict]:
    return [
        {"term": term, "sector": sector, "enrollments": len(g), **_people_counts(g, term)}
        for (term, sector), g in d.counted(f).groupby(["term_order", "sector"])
    ]


def participation_by_category(d: Data, f: Filters) -> list[dict]:
    return [
        {
            "term": term,
            "category": category,
            "courses": g.course_id.nunique(),
            "enrollments": len(g),
            "participants": g.person_id.nunique(),
        }
        for (term, category), g in d.counted(f).groupby(["term_order", "category"])
    ]


def returning_by_term(d: Data, f: Filters) -> list[dict]:
    rows = []
    for term, g in d.counted(f).groupby("term_order"):
        counts = _people_counts(g, term)
        rate = _rate(counts["returning_participants"], counts["participants"])
        rows.append({"term": term, **counts, "returning_rate": rate})
    return rows


def _cohort_members(d: Data, f: Filters) -> pd.DataFrame:
    """person_id, cohort: people one of whose enrollments in their first term passes the filters."""
    first = d.counted(f)
    first = first[first.term_order == first.first_term]
    return first[["person_id", "first_term"]].drop_duplicates().rename(columns={"first_term": "cohort"})


def cohort_retention(d: Data, f: Filters) -> list[dict]:
    members = _cohort_members(d, f)
    active_in = d.sector_in_term.reset_index()[["person_id", "term_order"]]
    rows = []
    for cohort, g in members.groupby("cohort"):
        for term in d.in_terms(pd.DataFrame({"term_order": d.terms}), f).term_order:
            if term < cohort:
                continue
            active = active_in[(active_in.term_order == term) & active_in.person_id.isin(g.person_id)]
            rows.append(
                {
                    "cohort": cohort,
                    "cohort_size": len(g),
                    "term": term,
                    "active": len(active),
                    "retention_rate": _rate(len(active), len(g)),
                }
            )
    return rows


def leader_pipeline(d: Data, f: Filters) -> list[dict]:
    shown = d.counted(f)
    upto = d.counted(f, term_range=False)
    if f.term_to:
        upto = upto[upto.term_order <= f.term_to.order]
    all_leaders = d.staff[d.staff.role == "leader"]
    rows = []
    for term, g in shown.groupby("term_order"):
        leaders = set(d.staff_of(g.course_id, "leader").person_id)
        earlier = upto[upto.term_order <= term]
        led_before = set(all_leaders[all_leaders.term_order < term].person_id)
        took_part_before = {p for p in leaders if d.first_term.get(p, 10**9) < term}
        rows.append(
            {
                "term": term,
                "participants": g.person_id.nunique(),
                "leaders": len(leaders),
                "mentors": d.staff_of(g.course_id, "mentor").person_id.nunique(),
                "new_leaders": len(leaders - led_before),
                "leaders_from_participants": len(took_part_before),
                "cumulative_leaders": d.staff_of(earlier.course_id, "leader").person_id.nunique(),
                "cumulative_mentors": d.staff_of(earlier.course_id, "mentor").person_id.nunique(),
            }
        )
    return rows


def pipeline_conversion(d: Data, f: Filters) -> list[dict]:
    members = _cohort_members(d, f)
    position = {term: i for i, term in enumerate(d.terms)}
    led = d.staff[d.staff.role == "leader"]
    rows = []
    for cohort, g in members.groupby("cohort"):
        gaps = []
        for person in g.person_id:
            later = led[(led.person_id == person) & (led.term_order > cohort)].term_order
            if len(later):
                gaps.append(position[later.min()] - position[cohort])
        rows.append(
            {
                "cohort": cohort,
                "cohort_size": len(g),
                "became_leader": len(gaps),
                "conversion_rate": _rate(len(gaps), len(g)),
                "median_terms_to_lead": float(np.median(gaps)) if gaps else np.nan,
            }
        )
    return rows


def _leader_sectors(d: Data) -> pd.DataFrame:
    leaders = d.staff[d.staff.role == "leader"].copy()
    leaders["leader_sector"] = [d.staff_sector(row) for row in leaders.itertuples()]
    return leaders[["course_id", "leader_sector"]].drop_duplicates()


def cross_sector_exchange(d: Data, f: Filters) -> list[dict]:
    joined = d.counted(f).merge(_leader_sectors(d), on="course_id")
    return [
        {"leader_sector": ls, "participant_sector": ps, "enrollments": len(g)}
        for (ls, ps), g in joined.groupby(["leader_sector", "sector"])
    ]


def course_mix(d: Data, f: Filters) -> list[dict]:
    leader_sectors = _leader_sectors(d)
    rows = []
    for course_id, g in d.counted(f).groupby("course_id"):
        course = d.courses[d.courses.course_id == course_id].iloc[0]
        shares = g.drop_duplicates("person_id").sector.value_counts(normalize=True)
        sectors = sorted(leader_sectors[leader_sectors.course_id == course_id].leader_sector)
        rows.append(
            {
                "term": course.term_order,
                "course_code": course.course_code,
                "course_title": course.course_title,
                "category": course.category,
                "leader_sectors": ";".join(sectors) if sectors else None,
                "participants": g.person_id.nunique(),
                "sectors_represented": len(shares),
                "mixing_index": round(1 - float((shares**2).sum()), 4),
            }
        )
    return rows


def schools_reached(d: Data, f: Filters) -> list[dict]:
    with_school = d.facts.dropna(subset=["school_key"])
    first_ever = with_school.groupby("school_key").term_order.min()
    scope = d.counted(f, term_range=False).dropna(subset=["school_key"])
    rows = []
    for (term, sector), g in d.in_terms(scope, f).groupby(["term_order", "sector"]):
        schools = set(g.school_key)
        so_far = scope[(scope.sector == sector) & (scope.term_order <= term)]
        rows.append(
            {
                "term": term,
                "sector": sector,
                "schools": len(schools),
                "new_schools": sum(first_ever[s] == term for s in schools),
                "cumulative_schools": so_far.school_key.nunique(),
            }
        )
    return rows


def _survey_measures(responses: pd.DataFrame, completions: int) -> dict:
    rec = responses.recommend.dropna()
    imp = responses.implement.dropna()
    lead = responses.lead_interest.dropna()
    return {
        "responses": len(responses),
        "completions": completions,
        "response_rate": _rate(len(responses), completions),
        "avg_rating": round(responses.rating.dropna().mean(), 2) if responses.rating.notna().any() else np.nan,
        "nps": round(100 * ((rec >= 9).sum() - (rec <= 6).sum()) / len(rec), 1) if len(rec) else np.nan,
        "implement_agree_rate": _rate((imp >= 4).sum(), len(imp)),
        "lead_interest_rate": _rate((lead == "yes").sum(), len(lead)),
    }


def _survey_rows(d: Data, f: Filters, keys: list[str]) -> list[tuple[tuple, dict]]:
    responses = d.in_terms(d.surveys, f)
    if f.categories:
        responses = responses[responses.category.isin(f.categories)]
    if f.sectors:
        sector = [d.sector_in_term.get((p, t)) for p, t in zip(responses.person_id, responses.term_order, strict=True)]
        responses = responses.loc[np.array([s in f.sectors for s in sector], dtype=bool)]
    completed = d.counted(f)
    completed = completed[completed.status == "completed"]
    groups = set(responses[keys].itertuples(index=False, name=None)) | set(
        completed[keys].itertuples(index=False, name=None)
    )
    out = []
    for key in groups:
        mine = responses[(responses[keys] == pd.Series(key, index=keys)).all(axis=1)]
        done = completed[(completed[keys] == pd.Series(key, index=keys)).all(axis=1)]
        out.append((key, _survey_measures(mine, len(done))))
    return out


def survey_by_course(d: Data, f: Filters) -> list[dict]:
    rows = []
    for (course_id,), measures in _survey_rows(d, f, ["course_id"]):
        course = d.courses[d.courses.course_id == course_id].iloc[0]
        rows.append(
            {
                "term": course.term_order,
                "course_code": course.course_code,
                "course_title": course.course_title,
                "category": course.category,
                **measures,
            }
        )
    return rows


def survey_by_category(d: Data, f: Filters) -> list[dict]:
    return [
        {"term": term, "category": category, **measures}
        for (term, category), measures in _survey_rows(d, f, ["term_order", "category"])
    ]


def enrollment_status(d: Data, f: Filters) -> list[dict]:
    rows = d.in_terms(d.enrollments, f)
    # The participant's sector in the term, for someone who took part then; else the enrollment's own.
    sector = [
        d.sector_in_term.get((p, t), s) for p, t, s in zip(rows.person_id, rows.term_order, rows.sector, strict=True)
    ]
    rows = rows.assign(sector=sector)
    if f.sectors:
        rows = rows[rows.sector.isin(f.sectors)]
    if f.categories:
        rows = rows[rows.category.isin(f.categories)]
    return [
        {"term": term, "status": status, "enrollments": len(g)}
        for (term, status), g in rows.groupby(["term_order", "status"])
    ]


def reference(con, name: str, filters: Filters | None = None, data: Data | None = None) -> pd.DataFrame:
    """Table ``name`` computed the slow way, sorted like the SQL (term order, then the other keys)."""
    spec = TABLES[name]
    rows = globals()[name](data or Data(con), filters or Filters())
    frame = pd.DataFrame(rows, columns=list(spec.columns))
    order_keys = [k for k in spec.keys if k in frame.columns]
    frame = frame.sort_values(order_keys, na_position="last", kind="stable").reset_index(drop=True)
    for column in ("term", "cohort"):
        if column in frame.columns:
            frame[column] = frame[column].map(_label)
    return frame
