"""data/sample/ tells the Boston Educators Collaborative's story (data/sample/README.md) in messy real-looking exports.

Read here with plain pandas and the vocabulary, independently of the importer.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from test_synth import SAMPLE, read_csv_rows

from analytics.vocab import (
    normalise_category,
    normalise_sector,
    normalise_status,
    parse_rating,
    parse_term,
)

REPO = Path(__file__).resolve().parents[1]
FIELDS = {
    "email": "email", "emailaddress": "email", "school": "school", "schoolname": "school", "semester": "term",
    "session": "term", "term": "term", "course": "course_title", "coursename": "course_title",
    "courseid": "course_code", "coursecode": "course_code", "firstname": "first_name", "lastname": "last_name",
    "fullname": "full_name", "sector": "sector", "status": "status", "referredby": "referred_by",
    "rating": "rating", "recommend": "recommend", "implement": "implement", "leadinterest": "lead_interest",
    "comments": "comments",
}  # fmt: skip


def _canonical(rows: list[dict[str, str]], name: str) -> pd.DataFrame:
    frame = pd.DataFrame(rows, dtype=object)
    frame = frame.rename(columns={c: FIELDS.get(re.sub(r"[^a-z]", "", c.lower()), c) for c in frame.columns})
    frame["file"] = name
    if "full_name" not in frame and "first_name" in frame:
        frame["full_name"] = frame["first_name"] + " " + frame["last_name"]
    frame["email"] = frame["email"].fillna("").str.strip().str.lower()
    frame["term_order"] = [t.order if (t := parse_term(v)) else None for v in frame["term"]]
    return frame


@pytest.fixture(scope="module")
def story():
    """Catalog, schools, registrations and surveys of data/sample, normalised like docs/DATA.md says."""
    book = SAMPLE / "course_catalog.xlsx"
    catalog = pd.read_excel(book, sheet_name="Course Catalog", header=1, dtype=str).fillna("")
    schools = pd.read_excel(book, sheet_name="Partner Schools", dtype=str)
    catalog["term_order"] = [parse_term(v).order for v in catalog["Semester"]]
    school_sector = {
        s.lower(): normalise_sector(v) for s, v in zip(schools["School Name"], schools["Sector"], strict=True)
    }
    overrides = pd.read_csv(REPO / "data" / "identity_overrides.csv", dtype=str)
    same_as = dict(zip(overrides["email"].str.lower(), overrides["same_as_email"].str.lower(), strict=True))
    regs = pd.concat(
        [_canonical(read_csv_rows(p), p.name) for p in sorted(SAMPLE.glob("registrations_*.csv"))],
        ignore_index=True,
    )
    regs["status"] = regs["status"].map(normalise_status)
    given = regs["sector"].fillna("").map(normalise_sector)
    regs["sector"] = given.fillna(regs["school"].str.lower().map(school_sector)).fillna("other")
    regs["person"] = regs["email"].map(lambda e: same_as.get(e, e))
    codes = set(zip(catalog["term_order"], catalog["Course ID"], strict=True))
    titles = set(zip(catalog["term_order"], catalog["Course Name"], strict=True))
    regs["in_catalog"] = [
        (t, c) in codes if isinstance(c, str) else (t, n) in titles
        for t, c, n in zip(regs["term_order"], regs.get("course_code"), regs.get("course_title"), strict=True)
    ]
    surveys = pd.concat(
        [_canonical(read_csv_rows(p), p.name) for p in sorted(SAMPLE.glob("survey_responses_*.csv"))],
        ignore_index=True,
    )
    surveys["in_catalog"] = [
        (t, c) in codes for t, c in zip(surveys["term_order"], surveys["course_code"], strict=True)
    ]
    good = regs[(regs["email"] != "") & regs["term_order"].notna() & regs["in_catalog"]]
    counting = good[good["status"].isin(["enrolled", "completed"])]
    staff = _staff(catalog)
    return {
        "catalog": catalog,
        "schools": schools,
        "regs": regs,
        "counting": counting,
        "surveys": surveys,
        "staff": staff,
    }


def _staff(catalog: pd.DataFrame) -> pd.DataFrame:
    """(term_order, role, email) of every leader and mentor; several leader emails may share a cell."""
    rows = []
    for term, leaders, mentor in zip(
        catalog["term_order"], catalog["Leader Email"], catalog["Mentor Email"], strict=True
    ):
        rows += [(term, "leader", e.strip().lower()) for e in leaders.split(";") if e.strip()]
        if mentor.strip():
            rows.append((term, "mentor", mentor.strip().lower()))
    return pd.DataFrame(rows, columns=["term_order", "role", "email"])


def _order(label: str) -> int:
    return parse_term(label).order


def test_pilot_of_six_courses_then_about_forty_by_spring_2018(story):
    per_term = story["catalog"].drop_duplicates(["term_order", "Course ID"]).groupby("term_order").size()
    assert per_term[_order("Spring 2017")] == 6
    assert per_term.index.min() == _order("Spring 2017")
    assert 36 <= per_term[per_term.index <= _order("Spring 2018")].sum() <= 45
    assert per_term.is_monotonic_increasing is False  # summers are small: growth is not a straight line
    assert per_term[_order("Fall 2020")] > per_term[_order("Fall 2018")] > per_term[_order("Fall 2017")]


def test_more_than_250_teachers_in_spring_2018(story):
    counting = story["counting"]
    assert counting.loc[counting["term_order"] == _order("Spring 2018"), "person"].nunique() > 250


def test_terms_run_through_2020_with_summers(story):
    terms = sorted(story["counting"]["term_order"].unique())
    assert terms[-1] >= _order("Spring 2020")
    assert sum(1 for t in terms if t % 10 == 3) >= 2  # summer terms


def test_three_strands_and_all_four_sectors(story):
    strands = {normalise_category(c) for c in story["catalog"]["Category"]}
    assert strands == {"all_learners", "culturally_proficient", "rigorous_curricula"}
    assert set(story["counting"]["sector"]) >= {"district", "charter", "catholic", "independent"}
    schools = story["schools"]
    assert {normalise_sector(s) for s in schools["Sector"]} == {"district", "charter", "catholic", "independent"}
    assert schools["Neighborhood"].nunique() >= 8
    blank = story["regs"]["file"].isin(["registrations_fall_2018.csv", "registrations_spring_2020.csv"])
    assert (story["regs"].loc[blank, "sector"] != "other").all()  # blank sectors are found in the schools list


def test_teachers_return_and_bring_colleagues(story):
    counting = story["counting"]
    first = counting.groupby("person")["term_order"].transform("min")
    returning = counting[counting["term_order"] > first]
    last_full = _order("Fall 2019")
    in_term = counting[counting["term_order"] == last_full]
    share = returning.loc[returning["term_order"] == last_full, "person"].nunique() / in_term["person"].nunique()
    assert 0.2 < share < 0.7
    referred = story["regs"][story["regs"]["referred_by"].fillna("") != ""]
    assert len(referred) > 50
    school_of = story["counting"].drop_duplicates("person").set_index("person")["school"]
    same_school = (referred["referred_by"].map(school_of) == referred["school"]).mean()
    assert same_school > 0.9  # colleagues from their own schools


def test_leaders_grow_from_participants_and_mentors_from_leaders(story):
    staff, counting = story["staff"], story["counting"]
    first_part = counting.groupby("person")["term_order"].min()
    leaders = staff[staff["role"] == "leader"]
    grown = leaders[leaders["email"].map(first_part) < leaders["term_order"]]
    assert grown["email"].nunique() >= 20
    first_led = leaders.groupby("email")["term_order"].min()
    mentors = staff[staff["role"] == "mentor"]
    assert len(mentors) > 50
    assert (mentors["email"].map(first_led) < mentors["term_order"]).all()  # every mentor led before


def test_course_sizes_and_statuses_look_real(story):
    good = story["regs"][story["regs"]["in_catalog"] & story["regs"]["term_order"].notna()]
    sizes = good.groupby(["term_order", "course_code", "course_title"], dropna=False).size()
    assert sizes.between(5, 40).all()
    capacity = story["catalog"]["Capacity"].astype(int)
    assert capacity.between(15, 25).all()
    assert set(story["catalog"]["Sessions"].astype(int)) <= {5, 6}
    assert set(good["status"]) == {"enrolled", "completed", "withdrawn", "waitlisted"}
    assert story["catalog"]["Leader Email"].str.contains(";").any()


def test_surveys_with_anonymous_answers_words_and_comments(story):
    surveys = story["surveys"]
    assert len(surveys) > 500
    assert 0.05 < (surveys["email"] == "").mean() < 0.4
    assert (surveys["comments"].fillna("") != "").sum() > 100
    assert {"Excellent", "Strongly agree"} <= set(surveys["rating"]) | set(surveys["implement"])


def test_a_handful_of_bad_rows(story):
    regs, surveys = story["regs"], story["surveys"]
    bad_regs = (regs["email"] == "") | regs["term_order"].isna() | ~regs["in_catalog"]
    bad_surveys = ~surveys["in_catalog"] | (surveys["rating"].map(parse_rating) == "invalid")
    assert int(bad_regs.sum()) == 3
    assert int(bad_surveys.sum()) == 2


def test_files_look_like_different_tools(story):
    names = [p.name for p in SAMPLE.iterdir() if p.suffix in (".csv", ".xlsx")]
    assert 10 <= len(names) <= 16
    headers = {tuple(read_csv_rows(p)[0]) for p in SAMPLE.glob("registrations_*.csv")}
    assert len(headers) >= 5
    raw = {p.name: p.read_bytes() for p in SAMPLE.glob("*.csv")}
    assert any(b.startswith(b"\xef\xbb\xbf") for b in raw.values())
    windows = [b for b in raw.values() if not _is_utf8(b)]
    assert windows and all(b"\r\n" in b for b in windows)
    assert any("é" in b.decode("cp1252") for b in windows)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def test_one_teacher_with_two_emails_and_one_pair_of_namesakes(story):
    people = story["regs"][story["regs"]["email"] != ""].drop_duplicates("email")
    key = people["full_name"].str.lower()
    before = people.groupby(key)["email"].nunique()
    after = people.groupby(key)["person"].nunique()
    assert (before > 1).sum() == 2  # the teacher with two addresses, and two namesakes
    assert (after > 1).sum() == 1  # the override merges the teacher; the namesakes stay two people


def test_spring_2018_offers_the_courses_the_report_names(story):
    catalog = story["catalog"]
    titles = set(catalog.loc[catalog["term_order"] == _order("Spring 2018"), "Course Name"])
    named = {"Trauma-Informed Teaching", "Integrating Language Arts into STEM", "Developing Mathematical Thinking"}
    assert named <= titles
    assert any("Social Emotional Learning" in t for t in titles)
