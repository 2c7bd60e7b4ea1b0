"""The simulated collaborative: schools, courses, leaders, mentors, registrations, survey answers.

Terms are simulated in order (a few dozen at most); inside a term every step works on
whole numpy arrays, so a million registrations take seconds. The story's mechanics:
returning participants are drawn from everyone who took part before; new participants
are often referred by a past participant and then teach at the referrer's school;
leaders come from past leaders and past participants; mentors from earlier leaders.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

import numpy as np
import pandas as pd

from analytics.synth import pools
from analytics.synth.people import make_schools
from analytics.synth.plan import TermPlan
from analytics.synth.story import finish_people
from analytics.synth.surveys import draw_surveys

STATUSES = ("enrolled", "completed", "withdrawn", "waitlisted")
STRANDS = tuple(pools.STRAND_LABELS)
DAY = 86_400


@dataclass
class World:
    """Everything the exports are written from; people and courses are referred to by row number."""

    plans: list[TermPlan]
    schools: pd.DataFrame  # school, sector, neighborhood, grades, domain, weight
    courses: pd.DataFrame  # term_idx, code, title, category, start_date, sessions, capacity, size
    staff: pd.DataFrame  # course, role (leader | mentor), person
    enrollments: pd.DataFrame  # course, person, status (index into STATUSES), registered_at, referred_by (-1 none)
    surveys: pd.DataFrame  # course, person (-1 anonymous), submitted_at, rating, recommend, implement, lead, comment
    people: pd.DataFrame  # school, first, last, email, role, grade_band, subject
    alias: tuple[int, int, str] | None  # (person, first term index using the second email, that email)
    twins: tuple[int, int] | None  # two different people who share a name
    rng: np.random.Generator  # for the export layer's own choices (blank cells, order numbers)

    _arrays: dict[tuple[str, str], np.ndarray] = field(default_factory=dict, repr=False)

    def strings(self, table: str, column: str) -> np.ndarray:
        """A text column as a numpy object array, converted once (exports index it per file)."""
        key = (table, column)
        if key not in self._arrays:
            self._arrays[key] = getattr(self, table)[column].to_numpy(dtype=object)
        return self._arrays[key]

    @property
    def exported_on(self) -> pd.Timestamp:
        """The day the exports were taken: three weeks into the last term."""
        return pd.Timestamp(self.plans[-1].start + timedelta(days=21))


STREAMS = ("courses", "schools", "terms", "surveys", "people", "exports")


def uniform(rng: np.random.Generator, low: float, high: float, size: int) -> np.ndarray:
    """``rng.uniform`` as two separate numpy operations: a compiler may fuse the multiply-add
    inside numpy's C into one FMA instruction on some CPUs, which rounds once instead of twice."""
    return low + (high - low) * rng.random(size)


def random_streams(seed: int) -> dict[str, np.random.Generator]:
    """One independent random stream per concern, so that changing how surveys are drawn
    does not rename every teacher (and rewrite every sample file)."""
    children = np.random.SeedSequence(seed).spawn(len(STREAMS))
    return {name: np.random.default_rng(child) for name, child in zip(STREAMS, children, strict=True)}


def simulate(seed: int, plans: list[TermPlan], target: int | None = None) -> World:
    """Run the collaborative term by term. ``target``: make the registrations add up to exactly this."""
    rngs = random_streams(seed)
    courses = _courses(rngs["courses"], plans, target)
    total = int(courses["size"].sum())
    expected_people = int(total * 0.62)
    schools = make_schools(rngs["schools"], int(np.clip(expected_people / 40, 58, 1500)))
    # Room for everyone: at most two new people per registration (a newcomer, then a replacement
    # when the seat clashes) and one per leader seat.
    sim = _Sim(rngs["terms"], schools["weight"].to_numpy(), capacity=2 * total + 2 * len(courses) + 16)
    for i, plan in enumerate(plans):
        sim.run_term(i, plan, courses)
    enrollments = pd.DataFrame({k: np.concatenate(v) for k, v in sim.enr.items()}, columns=list(sim.enr)).astype(
        {"registered_at": "datetime64[s]"}
    )
    staff = pd.DataFrame({k: np.concatenate(v) for k, v in sim.staff.items()})
    surveys = draw_surveys(rngs["surveys"], enrollments, courses, staff, sim.n)
    people, alias, twins = finish_people(rngs["people"], sim.school[: sim.n], schools, enrollments, courses, staff)
    return World(plans, schools, courses, staff, enrollments, surveys, people, alias, twins, rngs["exports"])


def _courses(rng: np.random.Generator, plans: list[TermPlan], target: int | None) -> pd.DataFrame:
    rows = []
    for i, plan in enumerate(plans):
        strands = np.resize(rng.permutation(3), plan.courses)[rng.permutation(plan.courses)]
        used = {s: 0 for s in range(3)}
        title_order = {s: rng.permutation(len(pools.COURSE_TITLES[STRANDS[s]])) for s in range(3)}
        for s, order in title_order.items():  # a term's featured titles come first in their strand
            titles = pools.COURSE_TITLES[STRANDS[s]]
            title_order[s] = sorted(order, key=lambda j, titles=titles: titles[j] not in plan.featured)
        for k, s in enumerate(strands.tolist()):
            titles = pools.COURSE_TITLES[STRANDS[s]]
            j = used[s]
            used[s] += 1
            title = titles[title_order[s][j % len(titles)]]
            if j >= len(titles):  # a big collaborative runs several sections of one course
                title = f"{title} (Section {j // len(titles) + 1})"
            rows.append((i, f"BEC-{plan.code}-{k + 1:02d}", title, STRANDS[s]))
    courses = pd.DataFrame(rows, columns=["term_idx", "code", "title", "category"])
    n = len(courses)
    term_idx = courses["term_idx"].to_numpy()
    starts = np.array([np.datetime64(p.start, "D") for p in plans])[term_idx]
    courses["start_date"] = starts + rng.choice([0, 0, 7, 14, 21], n).astype("timedelta64[D]")
    courses["sessions"] = rng.choice([5, 5, 5, 6], n)
    capacity = rng.choice([15, 16, 18, 20, 20, 22, 24, 25], n)
    fill = np.where(term_idx == 0, uniform(rng, 0.65, 0.95, n), uniform(rng, 0.72, 1.25, n))
    size = np.maximum(5, np.round(capacity * fill)).astype(np.int64)
    if target is not None:
        size = _adjust_total(rng, size, target)
    courses["capacity"] = capacity
    courses["size"] = size
    return courses


def _adjust_total(rng: np.random.Generator, size: np.ndarray, target: int) -> np.ndarray:
    """Nudge course sizes by one registration at a time until they add up to ``target``."""
    size = size.copy()
    for _ in range(1000):
        diff = target - int(size.sum())
        if diff == 0:
            break
        idx = rng.integers(0, len(size), abs(diff))
        np.add.at(size, idx, 1 if diff > 0 else -1)
        size = np.maximum(size, 5)
    return size


class _Sim:
    """The growing state of the simulation: people, who has taken part, who has led."""

    def __init__(self, rng: np.random.Generator, school_weight: np.ndarray, capacity: int) -> None:
        self.rng = rng
        self.weight = school_weight
        self.school = np.empty(capacity, dtype=np.int32)
        self.participated = np.zeros(capacity, dtype=bool)
        self.led = np.zeros(capacity, dtype=bool)
        self.last_term = np.full(capacity, -1, dtype=np.int64)  # the last term each person took part in
        self.n = 0
        self.enr: dict[str, list[np.ndarray]] = {
            "course": [],
            "person": [],
            "status": [],
            "registered_at": [],
            "referred_by": [],
        }
        self.staff: dict[str, list[np.ndarray]] = {"course": [], "role": [], "person": []}

    def add_people(self, schools: np.ndarray) -> np.ndarray:
        ids = np.arange(self.n, self.n + len(schools))
        self.school[ids] = schools
        self.n += len(schools)
        return ids

    def random_schools(self, k: int) -> np.ndarray:
        return self.rng.choice(len(self.weight), size=k, p=self.weight)

    def run_term(self, i: int, plan: TermPlan, courses: pd.DataFrame) -> None:
        rng = self.rng
        cids = np.flatnonzero(courses["term_idx"].to_numpy() == i)
        prior_leaders = np.flatnonzero(self.led[: self.n])
        past = np.flatnonzero(self.participated[: self.n])
        lead_course, leaders = self._leaders(i, cids, prior_leaders, past)
        self._mentors(cids, lead_course, leaders, prior_leaders)
        self.led[leaders] = True

        sizes = courses["size"].to_numpy()[cids]
        total = int(sizes.sum())
        slot_course = np.repeat(cids, sizes)
        pos = np.arange(total) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        person = np.full(total, -1, dtype=np.int64)
        referred_by = np.full(total, -1, dtype=np.int64)
        order = rng.permutation(total)
        k_ret = 0 if i == 0 else min(round(total * min(0.4, 0.2 + 0.03 * i)), len(past))
        k_multi = 0 if i == 0 else round(total * 0.05)
        ret, multi, new = order[:k_ret], order[k_ret : k_ret + k_multi], order[k_ret + k_multi :]
        person[ret] = self._returning(i, past, k_ret)
        referrer = np.full(len(new), -1, dtype=np.int64)
        if len(past):
            referred = rng.random(len(new)) < 0.3
            referrer[referred] = rng.choice(past, size=int(referred.sum()))
        new_school = np.where(referrer >= 0, self.school[np.maximum(referrer, 0)], self.random_schools(len(new)))
        person[new] = self.add_people(new_school)
        referred_by[new] = referrer
        if k_multi:  # some take two courses in one term
            person[multi] = person[rng.choice(np.concatenate([ret, new]), size=k_multi)]
        # Nobody registers twice for one course, nor for the course they lead: those seats go to newcomers.
        stride = np.int64(len(self.school))
        key = slot_course.astype(np.int64) * stride + person
        clash = np.isin(key, lead_course.astype(np.int64) * stride + leaders) | _duplicated(key)
        person[clash] = self.add_people(self.random_schools(int(clash.sum())))
        referred_by[clash] = -1

        seated = pos < courses["capacity"].to_numpy()[slot_course]
        u = rng.random(total)
        finished = np.where(plan.in_progress, 0, np.where(u < plan.withdraw_rate + 0.08, 0, 1))
        status = np.where(~seated, 3, np.where(u < plan.withdraw_rate, 2, finished)).astype(np.int8)
        self.participated[person[status <= 1]] = True
        self.last_term[person[status <= 1]] = i

        start = courses["start_date"].to_numpy()[slot_course].astype("datetime64[s]").astype(np.int64)
        days_before = 42 - 36 * pos / sizes.repeat(sizes) + uniform(rng, -1.5, 1.5, total)
        # Whole days before the start, at a waking hour: forms are filled in between 7 am and 11 pm.
        registered = start - np.ceil(days_before).astype(np.int64) * DAY + rng.integers(7 * 3600, 23 * 3600, total)
        for name, values in zip(
            self.enr, (slot_course, person, status, registered.astype("datetime64[s]"), referred_by), strict=True
        ):
            self.enr[name].append(values)

    def _returning(self, i: int, past: np.ndarray, k: int) -> np.ndarray:
        """``k`` distinct past participants, the recently active likelier to come back: each term
        away cuts the odds by 30%, so every cohort thins out over the years."""
        if k >= len(past):
            return past
        # The odds from a table of products: `0.7 ** d` and `np.log` go through CPU-specific SIMD
        # kernels whose last bits differ between machines (docs/decisions/), and a last bit decides
        # who is drawn. choice() with p= is exact: a cumulative sum, one division, a binary search.
        odds = np.ones(i + 1)
        for d in range(1, i + 1):
            odds[d] = odds[d - 1] * 0.7
        weight = odds[i - 1 - self.last_term[past]]
        return self.rng.choice(past, size=k, replace=False, p=weight / weight.sum())

    def _leaders(self, i: int, cids: np.ndarray, prior: np.ndarray, past: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """One leader per course, two for about one course in six; founders in the pilot, then
        returning leaders and past participants, a few newcomers."""
        rng = self.rng
        n_lead = 1 + (rng.random(len(cids)) < 0.18)
        lead_course = np.repeat(cids, n_lead)
        total = len(lead_course)
        founders = i == 0  # the pilot's leaders had never taken a course of the collaborative
        leaders = self.add_people(self.random_schools(total)) if founders else self._draw_leaders(i, total, prior, past)
        self.staff["course"].append(lead_course)
        self.staff["role"].append(np.full(total, "leader", dtype=object))
        self.staff["person"].append(leaders)
        return lead_course, leaders

    def _draw_leaders(self, i: int, total: int, prior: np.ndarray, past: np.ndarray) -> np.ndarray:
        """Past leaders lead again; the share grown from past participants rises as the pipeline
        fills (a fifth of new leaders at first, half later); the rest are newcomers."""
        rng = self.rng
        grown_share = min(0.5, 0.2 + 0.06 * i)
        # counted from categorical draws: multinomial() is built on binomial(), which uses exp and log
        want = np.bincount(rng.choice(3, size=total, p=[0.4, grown_share, 0.6 - grown_share]), minlength=3)
        from_prior = rng.choice(prior, size=min(want[0], len(prior)), replace=False)
        growable = np.setdiff1d(past, prior, assume_unique=True)
        grown = rng.choice(growable, size=min(want[1], len(growable)), replace=False)
        newcomers = self.add_people(self.random_schools(total - len(from_prior) - len(grown)))
        return rng.permutation(np.concatenate([from_prior, grown, newcomers]))

    def _mentors(self, cids: np.ndarray, lead_course: np.ndarray, leaders: np.ndarray, prior: np.ndarray) -> None:
        """Earlier leaders mentor about half the courses, most of those with a first-time leader."""
        if len(prior) == 0:  # the pilot: nobody has led yet
            return
        rng = self.rng
        first_time = ~np.isin(leaders, prior)
        course_pos = np.searchsorted(cids, lead_course)
        has_new = np.bincount(course_pos, weights=first_time, minlength=len(cids)) > 0
        wants = rng.random(len(cids)) < np.where(has_new, 0.8, 0.4)
        m_course = cids[wants]
        mentor = rng.choice(prior, size=len(m_course))
        stride = np.int64(len(self.school))
        lead_keys = lead_course.astype(np.int64) * stride + leaders
        for _ in range(5):  # a mentor is never a leader of the course they support
            clash = np.isin(m_course.astype(np.int64) * stride + mentor, lead_keys)
            if not clash.any():
                break
            mentor[clash] = rng.choice(prior, size=int(clash.sum()))
        keep = ~np.isin(m_course.astype(np.int64) * stride + mentor, lead_keys)
        self.staff["course"].append(m_course[keep])
        self.staff["role"].append(np.full(int(keep.sum()), "mentor", dtype=object))
        self.staff["person"].append(mentor[keep])


def _duplicated(key: np.ndarray) -> np.ndarray:
    """True for every repeat of a value after its first occurrence."""
    order = np.argsort(key, kind="stable")
    ordered = key[order]
    repeat = np.empty(len(key), dtype=bool)
    repeat[order] = np.concatenate([[False], ordered[1:] == ordered[:-1]])
    return repeat
