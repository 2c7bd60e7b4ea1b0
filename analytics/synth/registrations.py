"""Registration exports: the simulated enrollments of some terms, laid out as one tool writes them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.synth import pools
from analytics.synth.layouts import TERM_SPELLINGS, Layout
from analytics.synth.world import World

UNKNOWN_COURSE = ("Restorative Justice Circles", "RJC")  # a course a coordinator forgot to add to the catalog


def registration_frame(world: World, term_idxs: list[int], layout: Layout, spelling: str) -> pd.DataFrame:
    """The registrations of ``term_idxs`` in ``layout``'s headers, oldest first."""
    rng = world.rng
    courses = world.courses
    term_of_course = courses["term_idx"].to_numpy()
    enr = world.enrollments
    enr = enr[np.isin(term_of_course[enr["course"].to_numpy()], term_idxs)]
    enr = enr.sort_values("registered_at", kind="stable")
    course = enr["course"].to_numpy()
    person = enr["person"].to_numpy()
    term_idx = term_of_course[course]
    fields = {f for _, f in layout.columns}
    values: dict[str, object] = {}
    people = world.people
    if "term" in fields:
        spelled = np.array([TERM_SPELLINGS[spelling](p.term) for p in world.plans], dtype=object)
        values["term"] = spelled[term_idx]
    if "course_code" in fields:
        values["course_code"] = world.strings("courses", "code")[course]
    if "course_title" in fields:
        values["course_title"] = world.strings("courses", "title")[course]
    values["email"] = emails_at(world, person, term_idx)
    first = world.strings("people", "first")[person]
    last = world.strings("people", "last")[person]
    values.update(first_name=first, last_name=last, full_name=first + " " + last)
    school = people["school"].to_numpy()[person]
    values["school"] = world.strings("schools", "school")[school]
    sector = world.schools["sector"].map(layout.sectors).to_numpy(dtype=object)[school]
    values["sector"] = np.where(rng.random(len(sector)) < layout.blank_sector_share, "", sector)
    values["status"] = np.array(layout.statuses, dtype=object)[enr["status"].to_numpy()]
    if "registered_at" in fields:
        values["registered_at"] = enr["registered_at"].dt.strftime(layout.timestamp).to_numpy(dtype=object)
    for field, pool in (("role", pools.ROLES), ("grade_band", pools.GRADE_BANDS), ("subject", pools.SUBJECTS)):
        if field in fields:
            values[field] = np.array(pool, dtype=object)[people[field].to_numpy()[person]]
    if "referred_by" in fields:
        referrer = enr["referred_by"].to_numpy()
        values["referred_by"] = np.where(referrer >= 0, world.strings("people", "email")[np.maximum(referrer, 0)], "")
    if "order_no" in fields:
        values["order_no"] = 612_400_000 + 17 * np.arange(len(enr)) + int(rng.integers(0, 17))
    # object columns: pandas would otherwise copy every string into Arrow twice on the way to the CSV
    return pd.DataFrame({header: values[field] for header, field in layout.columns}, dtype=object)


def emails_at(world: World, person: np.ndarray, term_idx: np.ndarray) -> np.ndarray:
    """Each person's address as they typed it that term: the alias teacher switched addresses."""
    email = world.strings("people", "email")[person]
    if world.alias is not None:
        who, since, address = world.alias
        email = np.where((person == who) & (term_idx >= since), address, email)
    return email


def with_bad_row(frame: pd.DataFrame, layout: Layout, flaw: str, at: float = 0.5) -> pd.DataFrame:
    """``frame`` with one row a coordinator will see rejected, inserted at fraction ``at`` of the file.

    ``no_email``: the email left blank. ``tbd_term``: the term typed as TBD.
    ``unknown_course``: a course that is not in the catalog for that term.
    """
    header = {field: h for h, field in layout.columns}
    pos = int(len(frame) * at)
    row = frame.iloc[[pos]].copy()
    if flaw == "no_email":
        row[header["email"]] = ""
    elif flaw == "tbd_term":
        row[header["term"]] = "TBD"
    elif flaw == "unknown_course":
        title, suffix = UNKNOWN_COURSE
        if "course_code" in header:
            code = str(row[header["course_code"]].iloc[0])
            row[header["course_code"]] = code.rsplit("-", 1)[0] + f"-{suffix}"
        if "course_title" in header:
            row[header["course_title"]] = title
    else:
        raise ValueError(f"unknown flaw {flaw!r}")
    return pd.concat([frame.iloc[:pos], row, frame.iloc[pos:]], ignore_index=True)
