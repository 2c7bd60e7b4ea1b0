"""Post-course survey answers of the simulated collaborative."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.synth import pools

DAY = 86_400
# How far a 0-10 answer strays from twice the 1-5 rating: a normal spread (sd 1.3) rounded to
# whole steps, per mille.
SPREAD_STEPS = np.arange(-4, 5)
SPREAD_ODDS = np.array([3, 24, 97, 226, 300, 226, 97, 24, 3]) / 1000


def _first_led(staff: pd.DataFrame, courses: pd.DataFrame, n_people: int) -> np.ndarray:
    """Per person, the index of the first term they led in (a big number when never)."""
    first = np.full(n_people, np.iinfo(np.int32).max, dtype=np.int64)
    leaders = staff[staff["role"].to_numpy() == "leader"]
    np.minimum.at(first, leaders["person"].to_numpy(), courses["term_idx"].to_numpy()[leaders["course"].to_numpy()])
    return first


def draw_surveys(
    rng: np.random.Generator, enr: pd.DataFrame, courses: pd.DataFrame, staff: pd.DataFrame, n_people: int
) -> pd.DataFrame:
    """About half of those who completed a course answer the survey; one in five anonymously."""
    first_led = _first_led(staff, courses, n_people)
    done = enr[enr["status"].to_numpy() == 1]
    done = done[rng.random(len(done)) < 0.55]
    n = len(done)
    course = done["course"].to_numpy()
    person = np.where(rng.random(n) < 0.2, -1, done["person"].to_numpy())
    rating = rng.choice(5, size=n, p=[0.02, 0.05, 0.15, 0.38, 0.40]) + 1
    # 0-10: twice the rating give or take a whole-number spread, drawn from a table rather than
    # rounded normal draws (the normal sampler uses exp and log, rounded differently by CPU).
    spread = rng.choice(SPREAD_STEPS, size=n, p=SPREAD_ODDS)
    recommend = np.clip(rating * 2 + spread, 0, 10).astype(np.int64)
    implement = np.clip(rating + rng.choice([-1, 0, 0, 1], n), 1, 5)
    lead = rng.choice(3, size=n, p=[0.27, 0.48, 0.25])  # yes, no, maybe
    # Future leaders mostly said so: a coordinator looking for candidates finds them here.
    will_lead = (person >= 0) & (first_led[np.maximum(person, 0)] > courses["term_idx"].to_numpy()[course])
    will_lead &= first_led[np.maximum(person, 0)] < np.iinfo(np.int32).max
    lead = np.where(will_lead & (rng.random(n) < 0.75), 0, lead)
    comment = np.where(rng.random(n) < 0.35, rng.integers(0, len(pools.COMMENTS), n), -1)
    end = courses["start_date"].to_numpy()[course] + (courses["sessions"].to_numpy()[course] * 7).astype(
        "timedelta64[D]"
    )
    submitted = end.astype("datetime64[s]") + rng.integers(0, 14 * DAY, n).astype("timedelta64[s]")
    frame = pd.DataFrame(
        {
            "course": course,
            "person": person,
            "submitted_at": submitted,
            "rating": rating,
            "recommend": recommend,
            "implement": implement,
            "lead": lead,
            "comment": comment,
        }
    )
    return frame.sort_values(["submitted_at", "course"], kind="stable").reset_index(drop=True)
