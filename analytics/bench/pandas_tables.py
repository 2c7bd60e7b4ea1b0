"""Every docs/METRICS.md table in plain, vectorised pandas: the baseline the benchmark races the warehouse against.

``compute(prepared, name, filters)`` returns the columns of ``TABLES[name]``
with the dtypes ``analytics.metrics.compute`` returns, so the two can be
checked equal. Each function returns a frame with ``term``/``cohort`` still as
term orders; ``compute`` turns them into labels and sorts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.bench.pandas_prep import Prepared, in_terms
from analytics.errors import UnknownValueError
from analytics.filters import Filters
from analytics.metrics.spec import COUNT_COLUMNS as _COUNT_COLUMNS
from analytics.metrics.spec import TABLES
from analytics.school_years import SchoolYear, start_of_order
from analytics.vocab import Term

COURSE_COLUMNS = ["term_order", "course_code", "course_title", "category"]


def _rate(numerator: pd.Series, denominator: pd.Series, digits: int = 4) -> pd.Series:
    return (numerator / denominator.where(denominator > 0)).round(digits)


def _people(counted: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """participants, new and returning per ``keys`` (which include term_order)."""
    people = counted.drop_duplicates([*keys, "person_id"])
    return (
        people.assign(new=people.first_term == people.term_order, back=people.first_term < people.term_order)
        .groupby(keys)
        .agg(
            participants=("person_id", "size"), new_participants=("new", "sum"), returning_participants=("back", "sum")
        )
    )


def _staff_counts(d: Prepared, counted: pd.DataFrame, role: str) -> pd.Series:
    return d.staff_of(counted[["course_id", "term_order"]], role).groupby("term_order").person_id.nunique()


def participation_by_term(d: Prepared, f: Filters) -> pd.DataFrame:
    c = d.counted(f)
    by = c.groupby("term_order")
    out = pd.DataFrame({"courses": by.course_id.nunique(), "enrollments": by.size()}).join(_people(c, ["term_order"]))
    out["schools"] = by.school_key.nunique()
    out["leaders"] = _staff_counts(d, c, "leader")
    out["mentors"] = _staff_counts(d, c, "mentor")
    return out.fillna(0).reset_index().rename(columns={"term_order": "term"})


def participation_by_year(d: Prepared, f: Filters) -> pd.DataFrame:
    """participation_by_term's counts per school year: distinct over the year's terms."""
    c = d.counted(f)
    c = c.assign(year=c.term_order.map(start_of_order).astype("int64"), first_year=c.first_term.map(start_of_order))
    by = c.groupby("year")
    out = pd.DataFrame({"courses": by.course_id.nunique(), "enrollments": by.size()})
    people = c.drop_duplicates(["year", "person_id"])
    out["participants"] = people.groupby("year").size()
    out["new_participants"] = (people.first_year == people.year).groupby(people.year).sum()
    out["returning_participants"] = (people.first_year < people.year).groupby(people.year).sum()
    out["schools"] = by.school_key.nunique()
    for role, column in (("leader", "leaders"), ("mentor", "mentors")):
        staff = d.staff_of(c[["course_id", "term_order"]], role)
        staff = staff.assign(year=staff.term_order.map(start_of_order))
        out[column] = staff.groupby("year").person_id.nunique()
    return out.fillna(0).reset_index().rename(columns={"year": "school_year"})


def participation_by_sector(d: Prepared, f: Filters) -> pd.DataFrame:
    c = d.counted(f)
    out = c.groupby(["term_order", "sector"]).size().rename("enrollments").to_frame()
    return out.join(_people(c, ["term_order", "sector"])).reset_index().rename(columns={"term_order": "term"})


def participation_by_category(d: Prepared, f: Filters) -> pd.DataFrame:
    by = d.counted(f).groupby(["term_order", "category"])
    out = pd.DataFrame(
        {"courses": by.course_id.nunique(), "enrollments": by.size(), "participants": by.person_id.nunique()}
    )
    return out.reset_index().rename(columns={"term_order": "term"})


def returning_by_term(d: Prepared, f: Filters) -> pd.DataFrame:
    out = _people(d.counted(f), ["term_order"])
    out["returning_rate"] = _rate(out.returning_participants, out.participants)
    return out.reset_index().rename(columns={"term_order": "term"})


def _members(d: Prepared, f: Filters) -> pd.DataFrame:
    """person_id, cohort: people one of whose enrollments in their first term passes the filters."""
    c = d.counted(f)
    c = c[c.term_order == c.first_term]
    return c[["person_id", "first_term"]].drop_duplicates().rename(columns={"first_term": "cohort"})


def cohort_retention(d: Prepared, f: Filters) -> pd.DataFrame:
    members = _members(d, f)
    sizes = members.groupby("cohort").size().rename("cohort_size")
    terms = in_terms(pd.DataFrame({"term": d.terms}), f, "term")
    grid = sizes.reset_index().merge(terms, how="cross")
    grid = grid[grid.term >= grid.cohort]
    active = members.merge(d.participant_terms[["person_id", "term_order"]], on="person_id")
    active = active.groupby(["cohort", "term_order"]).size().rename("active")
    grid = grid.join(active, on=["cohort", "term"])
    grid["active"] = grid.active.fillna(0)
    grid["retention_rate"] = _rate(grid.active, grid.cohort_size)
    return grid


def _cumulative_distinct(firsts: pd.DataFrame, terms: pd.Series, group: str | None = None) -> np.ndarray:
    """Distinct people/schools whose first term (column ``first``) is <= each of ``terms`` (within ``group``)."""
    if group is None:
        ordered = np.sort(firsts["first"].to_numpy())
        return np.searchsorted(ordered, terms.to_numpy(), side="right")
    return np.array(
        [
            int((firsts.loc[firsts[group] == key, "first"] <= term).sum())
            for key, term in zip(terms.index, terms.to_numpy(), strict=True)
        ]
    )


def leader_pipeline(d: Prepared, f: Filters) -> pd.DataFrame:
    shown = d.counted(f)
    upto = d.counted(f, term_range=False)
    if f.term_to:
        upto = upto[upto.term_order <= f.term_to.order]
    leaders = d.staff_of(shown[["course_id", "term_order"]], "leader")
    first_led = d.staff[d.staff.role == "leader"].groupby("person_id").term_order.min().rename("first_led")
    leaders = leaders.join(first_led, on="person_id").join(
        d.facts.groupby("person_id").first_term.min(), on="person_id"
    )
    leaders = leaders.drop_duplicates(["term_order", "person_id"])
    by = leaders.groupby("term_order")
    out = pd.DataFrame({"participants": shown.groupby("term_order").person_id.nunique()})
    out["leaders"] = by.size()
    out["mentors"] = _staff_counts(d, shown, "mentor")
    out["new_leaders"] = (leaders.first_led >= leaders.term_order).groupby(leaders.term_order).sum()
    out["leaders_from_participants"] = (leaders.first_term < leaders.term_order).groupby(leaders.term_order).sum()
    out = out.fillna(0)
    terms = pd.Series(out.index.to_numpy())
    for role, column in (("leader", "cumulative_leaders"), ("mentor", "cumulative_mentors")):
        staff = d.staff_of(upto[["course_id", "term_order"]], role)
        firsts = staff.groupby("person_id").term_order.min().rename("first").to_frame()
        out[column] = _cumulative_distinct(firsts, terms)
    return out.reset_index().rename(columns={"term_order": "term"})


def pipeline_conversion(d: Prepared, f: Filters) -> pd.DataFrame:
    members = _members(d, f)
    led = d.staff[d.staff.role == "leader"][["person_id", "term_order"]]
    later = members.merge(led, on="person_id")
    later = later[later.term_order > later.cohort].groupby(["person_id", "cohort"]).term_order.min().reset_index()
    later["gap"] = later.term_order.map(d.position).to_numpy() - later.cohort.map(d.position).to_numpy()
    out = members.groupby("cohort").size().rename("cohort_size").to_frame()
    out["became_leader"] = later.groupby("cohort").size()
    out["became_leader"] = out.became_leader.fillna(0)
    out["conversion_rate"] = _rate(out.became_leader, out.cohort_size)
    out["median_terms_to_lead"] = later.groupby("cohort").gap.median()
    return out.reset_index()


def _leader_sectors(d: Prepared) -> pd.DataFrame:
    leaders = d.staff[d.staff.role == "leader"]
    return leaders[["course_id", "sector"]].drop_duplicates().rename(columns={"sector": "leader_sector"})


def cross_sector_exchange(d: Prepared, f: Filters) -> pd.DataFrame:
    joined = d.counted(f).merge(_leader_sectors(d), on="course_id")
    out = joined.groupby(["leader_sector", "sector"]).size().rename("enrollments").reset_index()
    return out.rename(columns={"sector": "participant_sector"})


def course_mix(d: Prepared, f: Filters) -> pd.DataFrame:
    people = d.counted(f).drop_duplicates(["course_id", "person_id"])
    per_sector = people.groupby(["course_id", "sector"]).size()
    participants = people.groupby("course_id").size()
    shares = per_sector / per_sector.index.get_level_values("course_id").map(participants).to_numpy()
    out = pd.DataFrame({"participants": participants})
    out["sectors_represented"] = per_sector.groupby(level="course_id").size()
    out["mixing_index"] = (1 - (shares**2).groupby(level="course_id").sum()).round(4)
    sectors = _leader_sectors(d).sort_values("leader_sector").groupby("course_id").leader_sector.agg(";".join)
    out = out.join(sectors.rename("leader_sectors"))  # a join: assigning to an empty frame would adopt its index
    # Like the warehouse: a course missing from the catalog has no row (no term or title to show).
    out = out.join(d.courses.set_index("course_id")[COURSE_COLUMNS], how="inner")
    return out.rename(columns={"term_order": "term"})


def schools_reached(d: Prepared, f: Filters) -> pd.DataFrame:
    first_ever = d.facts.dropna(subset=["school_key"]).groupby("school_key").term_order.min().rename("first_ever")
    scope = d.counted(f, term_range=False).dropna(subset=["school_key"])
    shown = in_terms(scope, f).drop_duplicates(["term_order", "sector", "school_key"]).join(first_ever, on="school_key")
    shown = shown.assign(new=shown.first_ever == shown.term_order)
    out = shown.groupby(["term_order", "sector"]).agg(schools=("school_key", "size"), new_schools=("new", "sum"))
    firsts = scope.groupby(["sector", "school_key"]).term_order.min().rename("first").reset_index()
    terms = pd.Series(out.index.get_level_values("term_order"), index=out.index.get_level_values("sector"))
    out["cumulative_schools"] = _cumulative_distinct(firsts, terms, "sector")
    return out.reset_index().rename(columns={"term_order": "term"})


def _survey_measures(d: Prepared, f: Filters, keys: list[str]) -> pd.DataFrame:
    responses = in_terms(d.surveys, f)
    if f.categories:
        responses = responses[responses.category.isin(f.categories)]
    if f.sectors:
        responses = responses[responses.respondent_sector.isin(f.sectors)]
    completed = d.counted(f)
    completed = completed[completed.status == "completed"]
    by = responses.assign(
        promoter=responses.recommend >= 9,
        detractor=responses.recommend <= 6,
        agree=responses.implement >= 4,
        yes=responses.lead_interest == "yes",
    ).groupby(keys)
    out = pd.DataFrame({"responses": by.size()})
    out = out.join(completed.groupby(keys).size().rename("completions"), how="outer").fillna(0)
    out["response_rate"] = _rate(out.responses, out.completions)
    out["avg_rating"] = by.rating.mean().round(2)
    recommends = by.recommend.count()
    out["nps"] = (100 * (by.promoter.sum() - by.detractor.sum()) / recommends.where(recommends > 0)).round(1)
    implement_answers = by.implement.count()
    out["implement_agree_rate"] = _rate(by.agree.sum(), implement_answers)
    out["lead_interest_rate"] = _rate(by.yes.sum(), by.lead_interest.count())
    return out


def survey_by_course(d: Prepared, f: Filters) -> pd.DataFrame:
    out = _survey_measures(d, f, ["course_id"])
    # Like the warehouse: a course missing from the catalog has no row (no term or title to show).
    out = out.join(d.courses.set_index("course_id")[COURSE_COLUMNS], how="inner")
    return out.rename(columns={"term_order": "term"})


def survey_by_category(d: Prepared, f: Filters) -> pd.DataFrame:
    return _survey_measures(d, f, ["term_order", "category"]).reset_index().rename(columns={"term_order": "term"})


def enrollment_status(d: Prepared, f: Filters) -> pd.DataFrame:
    rows = in_terms(d.enrollments, f)
    sectors = d.participant_terms[["person_id", "term_order", "participant_sector"]]
    rows = rows.merge(sectors, on=["person_id", "term_order"], how="left")
    rows["sector"] = rows.participant_sector.fillna(rows.sector)
    if f.sectors:
        rows = rows[rows.sector.isin(f.sectors)]
    if f.categories:
        rows = rows[rows.category.isin(f.categories)]
    out = rows.groupby(["term_order", "status"]).size().rename("enrollments")
    return out.reset_index().rename(columns={"term_order": "term"})


def compute(d: Prepared, name: str, filters: Filters | None = None) -> pd.DataFrame:
    """Table ``name`` in pandas, with the columns, dtypes and row order of ``analytics.metrics.compute``."""
    spec = TABLES.get(name)
    if spec is None:
        raise UnknownValueError("table", name, sorted(TABLES))
    frame = globals()[name](d, filters or Filters())[list(spec.columns)]
    frame = frame.sort_values(list(spec.keys), na_position="last", kind="stable").reset_index(drop=True)
    for column in spec.columns:
        if column == "school_year":
            frame[column] = frame[column].map(lambda start: SchoolYear(int(start)).label).astype("str")
        elif column in ("term", "cohort"):
            labels = {order: Term.from_order(int(order)).label for order in frame[column].unique()}
            frame[column] = frame[column].map(labels).astype("str")
        elif column in _COUNT_COLUMNS:
            frame[column] = frame[column].astype("int64")
        elif column in spec.keys:
            frame[column] = frame[column].astype("str")
        else:
            frame[column] = frame[column].astype("float64")
    return frame
