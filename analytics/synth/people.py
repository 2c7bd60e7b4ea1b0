"""Schools and the people's names, roles and emails, drawn with numpy over whole arrays."""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from analytics.synth import pools

SECTORS = tuple(pools.SECTOR_SHARES)  # district, charter, catholic, independent


def ascii_slug(text: str) -> str:
    """`Muñoz` -> `munoz`, `O'Brien` -> `obrien`: what an email address keeps of a name."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", plain.lower())


def make_schools(rng: np.random.Generator, count: int) -> pd.DataFrame:
    """``count`` invented Boston schools: name, sector, neighborhood, grades, email domain, size weight."""
    per_sector = {s: max(1, round(count * share)) for s, share in pools.SECTOR_SHARES.items()}
    per_sector["district"] += count - sum(per_sector.values())
    rows = []
    used: set[str] = set()
    for sector, n in per_sector.items():
        stems = pools.SAINTS if sector == "catholic" else pools.SCHOOL_STEMS
        kinds = pools.SCHOOL_KINDS[sector]
        combos = [(s, k) for s in stems for k in kinds]
        order = rng.permutation(len(combos))
        for j in range(n):
            stem, kind = combos[order[j % len(combos)]]
            hood = pools.NEIGHBORHOODS[int(rng.integers(len(pools.NEIGHBORHOODS)))]
            name = f"{stem} {kind}"
            if j >= len(combos) or name in used:  # a big benchmark collaborative: campuses of one name
                name = f"{name} - {hood} Campus {j // len(combos) + 1}"
            used.add(name)
            domain = ascii_slug(stem.replace("St. ", "Saint ")) + pools.DOMAIN_SUFFIX[kind]
            rows.append((name, sector, hood, pools.GRADES_BY_KIND[kind], domain))
    schools = pd.DataFrame(rows, columns=["school", "sector", "neighborhood", "grades", "domain"])
    schools = schools.iloc[rng.permutation(len(schools))].reset_index(drop=True)
    schools["domain"] = _dedupe([d + ".org" for d in schools["domain"]])
    # A few big schools send many teachers, most send a handful: a product of five uniform draws
    # is skewed like a log-normal (log-spread about 0.85) and needs no exp, which libm rounds by CPU.
    weight = np.ones(len(schools))
    for _ in range(5):
        weight = weight * (0.4 + 1.2 * rng.random(len(schools)))
    weight[schools["sector"].to_numpy() == "district"] *= 1.3
    schools["weight"] = weight / weight.sum()
    return schools


def _dedupe(values: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for value in values:
        n = seen.get(value, 0)
        seen[value] = n + 1
        out.append(value if n == 0 else value.replace(".org", f"{n + 1}.org"))
    return out


def draw_names(rng: np.random.Generator, count: int) -> tuple[np.ndarray, np.ndarray]:
    """Indexes into FIRST_NAMES / LAST_NAMES; pairs are unique while the pools allow it, so that
    the only same-name people are the ones the story plants on purpose."""
    n_first, n_last = len(pools.FIRST_NAMES), len(pools.LAST_NAMES)
    first = rng.integers(0, n_first, count)
    last = rng.integers(0, n_last, count)
    if count <= (n_first * n_last) // 5:
        for _ in range(50):
            key = first * n_last + last
            _, where, counts = np.unique(key, return_index=True, return_counts=True)
            dup = np.ones(count, dtype=bool)
            dup[where] = False  # first occurrence of every pair stays
            if not dup.any():
                break
            first[dup] = rng.integers(0, n_first, int(dup.sum()))
            last[dup] = rng.integers(0, n_last, int(dup.sum()))
    return first, last


def make_emails(
    rng: np.random.Generator, first: np.ndarray, last: np.ndarray, school: np.ndarray, school_domains: np.ndarray
) -> np.ndarray:
    """One unique address per person: mostly the school's domain, some personal mailboxes.

    Clashes (two Maria Garcias at one school) get a number, decided on integer keys rather
    than strings so that half a million people take a fraction of a second."""
    count = len(first)
    f_slugs, f_code = np.unique([ascii_slug(n) for n in pools.FIRST_NAMES], return_inverse=True)
    l_slugs, l_code = np.unique([ascii_slug(n) for n in pools.LAST_NAMES], return_inverse=True)
    initials, i_code = np.unique([s[:1] for s in f_slugs], return_inverse=True)
    f_code, l_code = f_code[first], l_code[last]
    i_code = i_code[f_code]
    personal = rng.integers(0, len(pools.PERSONAL_DOMAINS), count)
    digits = rng.integers(10, 99, count)
    style = rng.choice(4, size=count, p=[0.55, 0.25, 0.15, 0.05])
    # The parts each style writes, as integers: (name part a, name part b, domain, digits).
    a = np.where(style == 0, i_code, f_code).astype(np.int64)
    b = np.where(style == 3, 0, l_code).astype(np.int64)
    domain = np.where(style >= 2, personal, school).astype(np.int64)
    d = np.where(style >= 2, digits, 0).astype(np.int64)
    key = (((style.astype(np.int64) * 512 + a) * 512 + b) * 65_536 + domain) * 128 + d
    rank = _rank_within(key)

    f_obj = np.asarray(f_slugs, dtype=object)[f_code]
    l_obj = np.asarray(l_slugs, dtype=object)[l_code]
    d_obj = digits.astype(str).astype(object)  # only styles 2 and 3 use them
    # Each style is spelled only for its own people: building every style for everyone would
    # hold several half-million-string arrays at once.
    initial_obj = np.asarray(initials, dtype=object)[i_code]
    local = np.empty(count, dtype=object)
    for code, parts in (
        (0, (initial_obj, l_obj)),
        (1, (f_obj, ".", l_obj)),
        (2, (f_obj, ".", l_obj, d_obj)),
        (3, (f_obj, d_obj)),
    ):
        mask = style == code
        pieces = [p if isinstance(p, str) else p[mask] for p in parts]
        text = pieces[0]
        for piece in pieces[1:]:
            text = text + piece
        local[mask] = text
    bump = np.where(rank > 0, (rank + 1).astype(str).astype(object), "")
    host = np.where(style >= 2, np.asarray(pools.PERSONAL_DOMAINS, dtype=object)[personal], school_domains[school])
    return local + bump + "@" + host


def _rank_within(key: np.ndarray) -> np.ndarray:
    """0 for the first occurrence of each key, 1 for the second, ..."""
    order = np.argsort(key, kind="stable")
    ordered = key[order]
    starts = np.concatenate([[True], ordered[1:] != ordered[:-1]])
    pos = np.arange(len(key))
    group_start = np.maximum.accumulate(np.where(starts, pos, 0))
    rank = np.empty(len(key), dtype=np.int64)
    rank[order] = pos - group_start
    return rank


def draw_profiles(rng: np.random.Generator, count: int) -> dict[str, np.ndarray]:
    """Role, grade band and subject of each person (indexes into the pools)."""
    return {
        "role": rng.integers(0, len(pools.ROLES), count),
        "grade_band": rng.integers(0, len(pools.GRADE_BANDS), count),
        "subject": rng.integers(0, len(pools.SUBJECTS), count),
    }
