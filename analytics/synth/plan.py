"""How many courses each term offers: the sample's story, or a plan scaled to N enrollments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from analytics.vocab import Term

# Where each season's five-week courses start (month, day); the offset spreads starts over a few weeks.
SEASON_STARTS = {1: (1, 20), 2: (3, 6), 3: (7, 6), 4: (10, 2)}
MEAN_REGISTRATIONS = 20.5  # registrations per course, waitlist included (see world._course_sizes)


FEATURED_2018 = (
    "Trauma-Informed Teaching",
    "Social Emotional Learning in the Classroom",
    "Integrating Language Arts into STEM",
    "Developing Mathematical Thinking",
)


@dataclass(frozen=True)
class TermPlan:
    """One term of the collaborative: how many courses it offers and how the term went."""

    term: Term
    courses: int
    withdraw_rate: float = 0.06  # share of seated registrations that withdrew
    in_progress: bool = False  # the term running when the exports were taken: nobody has completed yet
    featured: tuple[str, ...] = ()  # course titles this term certainly offers

    @property
    def start(self) -> date:
        month, day = SEASON_STARTS[self.term.season_no]
        return date(self.term.year, month, day)

    @property
    def code(self) -> str:
        """`17S` for Spring 2017, `18U` for Summer 2018: the middle part of course codes."""
        return f"{self.term.year % 100:02d}{'WSUF'[self.term.season_no - 1]}"


def _t(season: str, year: int) -> Term:
    return Term(year, ("Winter", "Spring", "Summer", "Fall").index(season) + 1)


def sample_plan() -> list[TermPlan]:
    """The Boston Educators Collaborative as its reports tell it: a six-course pilot in spring 2017,
    about 40 courses by spring 2018, steady growth, two online summers and a pandemic spring."""
    return [
        TermPlan(_t("Spring", 2017), 6),
        TermPlan(_t("Fall", 2017), 14),
        # The courses the February 2018 report names as recent.
        TermPlan(_t("Spring", 2018), 20, featured=FEATURED_2018),
        TermPlan(_t("Summer", 2018), 5),
        TermPlan(_t("Fall", 2018), 22),
        TermPlan(_t("Spring", 2019), 25),
        TermPlan(_t("Summer", 2019), 7),
        TermPlan(_t("Fall", 2019), 27),
        TermPlan(_t("Spring", 2020), 28, withdraw_rate=0.16),  # schools closed mid-term
        TermPlan(_t("Summer", 2020), 8),
        TermPlan(_t("Fall", 2020), 30, in_progress=True),
    ]


def scaled_plan(enrollments: int) -> list[TermPlan]:
    """Terms and course counts for about ``enrollments`` registrations: the sample's first years,
    then more years of Spring, Summer and Fall terms growing ~8% a term (summers a third the size)."""
    if enrollments < 200:
        raise ValueError("--enrollments must be at least 200")
    total_courses = max(8, round(enrollments / MEAN_REGISTRATIONS))
    n_terms = max(3, min(60, 11 + _quarter_doublings(enrollments, 4000)))
    seasons = ("Spring", "Summer", "Fall")
    terms = [_t(seasons[i % 3], 2017 + i // 3) for i in range(n_terms)]
    # The pilot keeps its six courses when there is room; the rest grow geometrically. The growth
    # factors are products, never `**` (libm's pow may round differently on another CPU).
    growth = [1.0]
    for _ in terms[1:]:
        growth.append(growth[-1] * 1.08)
    weights = [growth[i] * (0.35 if t.season == "Summer" else 1.0) for i, t in enumerate(terms[1:], start=1)]
    pilot = 6 if total_courses >= 6 * n_terms else 1
    scale = (total_courses - pilot) / sum(weights)
    counts = [pilot] + [max(1, round(w * scale)) for w in weights]
    plans = [TermPlan(t, n) for t, n in zip(terms, counts, strict=True)]
    last = plans[-1]
    plans[-1] = TermPlan(last.term, last.courses, in_progress=True)
    return plans


def _quarter_doublings(n: int, base: int) -> int:
    """``round(4 * log2(n / base))``, at least 0, in integers: how many quarter-doublings ``n`` is
    past ``base``. Exact on every machine, unlike ``math.log2`` whose last bit comes from libm.

    ``m`` quarter-doublings fit when ``(n / base) ** 4 >= 2 ** (m - 0.5)``, that is when
    ``n ** 8 >= base ** 8 * 2 ** (2m - 1)``."""
    m = 0
    while n**8 * 2 >= base**8 * 4 ** (m + 1):  # quarter-doubling m + 1 is at least half reached
        m += 1
    return m
