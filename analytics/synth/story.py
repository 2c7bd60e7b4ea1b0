"""The people's names and emails, and the two identity puzzles a coordinator should meet.

- One teacher registers with her school address and later with a personal one (same name):
  the sample lists that pair in `data/identity_overrides.csv`.
- Two different teachers at different schools share a name: the duplicates review shows
  them, and a coordinator rightly leaves them apart.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.synth import pools
from analytics.synth.people import ascii_slug, draw_names, draw_profiles, make_emails


def finish_people(
    rng: np.random.Generator,
    school: np.ndarray,
    schools: pd.DataFrame,
    enrollments: pd.DataFrame,
    courses: pd.DataFrame,
    staff: pd.DataFrame,
) -> tuple[pd.DataFrame, tuple[int, int, str] | None, tuple[int, int] | None]:
    """Names, emails and profiles of every person; the alias (person, from term, email) and the twins."""
    count = len(school)
    first, last = draw_names(rng, count)
    pairs = _counting_terms(enrollments, courses)
    n_terms = pairs.groupby("person").size()
    is_staff = np.zeros(count, dtype=bool)
    is_staff[staff["person"].to_numpy()] = True
    candidates = n_terms.index.to_numpy()
    candidates = candidates[~is_staff[candidates]]

    twins = None
    if len(candidates) >= 2:
        a = int(rng.choice(candidates))
        others = candidates[(school[candidates] != school[a]) & (candidates != a)]
        if len(others):
            b = int(rng.choice(others))
            first[b], last[b] = first[a], last[a]
            twins = (a, b)

    emails = make_emails(rng, first, last, school, schools["domain"].to_numpy(dtype=object))
    alias = None
    regulars = n_terms.index.to_numpy()[(n_terms.to_numpy() >= 3) & ~n_terms.index.isin(twins or ())]
    regulars = regulars[~is_staff[regulars]]
    # She first signed up with her school address, later with a personal one.
    personal = tuple("@" + d for d in pools.PERSONAL_DOMAINS)
    regulars = regulars[[not str(emails[p]).endswith(personal) for p in regulars]]
    if len(regulars):
        person = int(rng.choice(regulars))
        since = sorted(pairs.loc[pairs["person"] == person, "term"])[1]
        local = f"{ascii_slug(pools.FIRST_NAMES[first[person]])}.{ascii_slug(pools.LAST_NAMES[last[person]])}"
        email = f"{local}.teach@gmail.com"
        if email not in set(emails):
            alias = (person, int(since), email)

    profile = draw_profiles(rng, count)
    people = pd.DataFrame(
        {
            "school": school,
            "first": np.array(pools.FIRST_NAMES, dtype=object)[first],
            "last": np.array(pools.LAST_NAMES, dtype=object)[last],
            "email": emails,
            **profile,
        }
    )
    return people, alias, twins


def _counting_terms(enrollments: pd.DataFrame, courses: pd.DataFrame) -> pd.DataFrame:
    """Distinct (person, term index) pairs of enrolled or completed registrations."""
    counting = enrollments[enrollments["status"].to_numpy() <= 1]
    terms = courses["term_idx"].to_numpy()[counting["course"].to_numpy()]
    pairs = pd.DataFrame({"person": counting["person"].to_numpy(), "term": terms}).drop_duplicates()
    return pairs
