"""The course catalog, the partner schools list and the post-course survey exports."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.synth import pools
from analytics.synth.layouts import CAPITALISED_SECTORS, TERM_SPELLINGS
from analytics.synth.registrations import emails_at
from analytics.synth.world import World

SCHOOL_LIST_SECTORS = {
    "district": "Boston Public Schools",
    "charter": "Commonwealth Charter",
    "catholic": "Catholic (Archdiocese of Boston)",
    "independent": "Independent",
}
RATING_WORDS = ("Poor", "Fair", "Good", "Very good", "Excellent")
AGREE_WORDS = ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree")
LEAD_WORDS = ("Yes", "No", "Maybe")


def catalog_frame(world: World) -> pd.DataFrame:
    """One row per course; co-leaders of one sector share a row (`a; b`), otherwise a row each."""
    people, schools, courses = world.people, world.schools, world.courses
    staff = world.staff.copy()
    who = staff["person"].to_numpy()
    school = people["school"].to_numpy()[who]
    staff["name"] = people["first"].to_numpy(dtype=object)[who] + " " + people["last"].to_numpy(dtype=object)[who]
    staff["email"] = people["email"].to_numpy(dtype=object)[who]
    staff["school"] = schools["school"].to_numpy(dtype=object)[school]
    staff["sector"] = schools["sector"].map(CAPITALISED_SECTORS).to_numpy(dtype=object)[school]
    leaders = staff[staff["role"] == "leader"]
    mentors = staff[staff["role"] == "mentor"].drop_duplicates("course").set_index("course")
    n_sectors = leaders.groupby("course")["sector"].transform("nunique").to_numpy()
    same = leaders[n_sectors == 1].groupby("course", sort=False)
    joined = pd.DataFrame(
        {
            "name": same["name"].agg("; ".join),
            "email": same["email"].agg("; ".join),
            # one school cell names one school: co-leaders from two schools leave it blank
            "school": same["school"].first().where(same["school"].nunique() == 1, ""),
            "sector": same["sector"].first(),
        }
    )
    separate = leaders[n_sectors > 1].set_index("course")[["name", "email", "school", "sector"]]
    rows = pd.concat([joined, separate]).reset_index().sort_values("course", kind="stable")
    course = rows["course"].to_numpy()
    c = courses.iloc[course]
    mentor = mentors.reindex(course)
    term_label = np.array([p.term.label for p in world.plans], dtype=object)
    return pd.DataFrame(
        {
            "Semester": term_label[c["term_idx"].to_numpy()],
            "Course ID": c["code"].to_numpy(),
            "Course Name": c["title"].to_numpy(),
            "Category": c["category"].map(pools.STRAND_LABELS).to_numpy(),
            "Leader Name": rows["name"].to_numpy(),
            "Leader Email": rows["email"].to_numpy(),
            "Leader School": rows["school"].to_numpy(),
            "Leader Sector": rows["sector"].to_numpy(),
            "Mentor Name": mentor["name"].fillna("").to_numpy(),
            "Mentor Email": mentor["email"].fillna("").to_numpy(),
            "Mentor Sector": mentor["sector"].fillna("").to_numpy(),
            "Start Date": c["start_date"].to_numpy(),
            "Sessions": c["sessions"].to_numpy(),
            "Capacity": c["capacity"].to_numpy(),
        }
    )


def schools_frame(world: World) -> pd.DataFrame:
    """The partner schools list, sectors spelled the way a coordinator typed them."""
    schools = world.schools.sort_values(["neighborhood", "school"], kind="stable")
    return pd.DataFrame(
        {
            "School Name": schools["school"].to_numpy(),
            "Sector": schools["sector"].map(SCHOOL_LIST_SECTORS).to_numpy(),
            "Neighborhood": schools["neighborhood"].to_numpy(),
            "Grades": schools["grades"].to_numpy(),
        }
    )


def survey_frame(world: World, rows: np.ndarray, words: bool) -> pd.DataFrame:
    """Survey responses ``rows`` (positions in world.surveys): a Google Form with word answers
    (``words``) or a plain export with numbers. Anonymous responses leave the email blank."""
    s = world.surveys.iloc[rows]
    course = s["course"].to_numpy()
    term_idx = world.courses["term_idx"].to_numpy()[course]
    person = s["person"].to_numpy()
    email = np.where(person >= 0, emails_at(world, np.maximum(person, 0), term_idx), "")
    comment_idx = s["comment"].to_numpy()
    comments = np.where(comment_idx >= 0, np.array(pools.COMMENTS, dtype=object)[np.maximum(comment_idx, 0)], "")
    terms = np.array([TERM_SPELLINGS["label"](p.term) for p in world.plans], dtype=object)[term_idx]
    code = world.strings("courses", "code")[course]
    rating, implement = s["rating"].to_numpy(), s["implement"].to_numpy()
    lead = np.array(LEAD_WORDS, dtype=object)[s["lead"].to_numpy()]
    if words:
        return pd.DataFrame(
            {
                "Timestamp": s["submitted_at"].dt.strftime("%m/%d/%Y %H:%M:%S").to_numpy(),
                "Email Address": email,
                "Semester": terms,
                "Course ID": code,
                "Rating": np.array(RATING_WORDS, dtype=object)[rating - 1],
                "Recommend": s["recommend"].to_numpy(),
                "Implement": np.array(AGREE_WORDS, dtype=object)[implement - 1],
                "Lead Interest": lead,
                "Comments": comments,
            }
        )
    return pd.DataFrame(
        {
            "submitted_at": s["submitted_at"].dt.strftime("%Y-%m-%d %H:%M:%S").to_numpy(),
            "email": email,
            "term": terms,
            "course_code": code,
            "rating": rating,
            "recommend": s["recommend"].to_numpy(),
            "implement": implement,
            "lead_interest": np.char.lower(lead.astype(str)),
            "comments": comments,
        }
    )


def with_bad_survey(frame: pd.DataFrame, flaw: str, at: float = 0.5) -> pd.DataFrame:
    """One response that will be rejected: ``rating_7`` (off the 1-5 scale) or ``unknown_course``."""
    pos = int(len(frame) * at)
    row = frame.iloc[[pos]].copy()
    if flaw == "rating_7":
        row.iloc[0, 4] = 7
    elif flaw == "unknown_course":
        row.iloc[0, 3] = str(row.iloc[0, 3]).rsplit("-", 1)[0] + "-RJC"
    else:
        raise ValueError(f"unknown flaw {flaw!r}")
    return pd.concat([frame.iloc[:pos], row, frame.iloc[pos:]], ignore_index=True)
