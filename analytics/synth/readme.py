"""data/sample/README.md, written with the sample: its names and numbers come from the simulation."""

from __future__ import annotations

import numpy as np

from analytics.synth.world import World

TEMPLATE = """\
# The sample collaborative

Invented exports of a Boston teacher collaborative, modelled on the Boston
Educators Collaborative's public story: a {pilot}-course pilot in spring 2017,
{by_2018} courses offered by spring 2018 with more than {spring_2018} teachers taking
part that term, three strands (supporting all learners, culturally proficient
strategies, rigorous curricula with rich content), district, charter, Catholic
and a few independent schools from Dorchester to Charlestown, teachers who come
back and bring colleagues from their schools, leaders grown from past
participants and mentored by earlier leaders, and terms through fall 2020
(two online summers and a spring cut short by school closures; fall 2020 is
still running, so nobody has completed it yet). Every name, school, email
and comment is made up.

Written by `make sample` (`python -m analytics generate --out data/sample`,
seed {seed}); the same seed writes the same bytes, and a test checks that these
files are exactly what the generator writes. `make run` imports every CSV and
XLSX here into a fresh warehouse.

| file | kind | what it looks like |
|---|---|---|
| `course_catalog.xlsx` | courses + schools | Two sheets. *Course Catalog*: a title line above the header; one row per course; co-leaders from one sector share a row with emails joined by `; `, co-leaders from two sectors get a row each; mentor columns; real Excel dates. *Partner Schools*: school, sector spelled as the coordinator typed it (`Boston Public Schools`, `Commonwealth Charter`, `Catholic (Archdiocese of Boston)`), neighborhood, grades. |
| `registrations_spring_2017_pilot.csv` | enrollments | The pilot's hand-kept sheet: courses by title only (`Course`), `Semester`. |
| `registrations_fall_2017.csv`, `registrations_fall_2019.csv` | enrollments | Google Forms: `Timestamp` (m/d/Y), `Email Address`, `Referred By`; term `Fall 2017`, `Fall '19`. |
| `registrations_spring_2018.csv`, `registrations_fall_2020.csv` | enrollments | Eventbrite attendee report: `Order #`, `Session`, statuses `Attending` / `Finished` / `Cancelled`. |
| `registrations_summer_2018.csv`, `registrations_summer_2019.csv` | enrollments | Excel "CSV UTF-8": byte-order mark, `;` delimiter, `Full Name`; terms `SU18`, `2019 Summer`. |
| `registrations_fall_2018.csv`, `registrations_spring_2020.csv` | enrollments | Excel on Windows: Windows-1252 with accented names, CRLF, `E-mail`; terms `FA18`, `Sp 2020`; some sectors blank (taken from the schools list). |
| `registrations_spring_2019.csv`, `registrations_summer_2020.csv` | enrollments | The importer's own column names; terms `SP19`, `2020-SU`. |
| `survey_responses_2017_2018.csv` | surveys | Google Form with word answers (`Excellent`, `Strongly agree`, `Yes`); blank email = anonymous; comments. |
| `survey_responses_2019_2020.csv` | surveys | Plain CSV with numbers (rating 1-5, recommend 0-10, implement 1-5). |

## Rows the importer should reject (5)
- `registrations_fall_2018.csv`: a registration with no email.
- `registrations_spring_2019.csv`: a registration whose term is `TBD`.
- `registrations_fall_2019.csv`: a registration for `Restorative Justice Circles`
  (`{unknown_code}`), a course that is not in the catalog.
- `survey_responses_2017_2018.csv`: a response for a course not in the catalog.
- `survey_responses_2019_2020.csv`: a rating of 7 on the 1-5 scale.

## People a coordinator should look at
- {alias_name} registered with a school address, then (from {alias_since})
  with a personal one: `data/identity_overrides.csv` merges the two with the
  line `{alias_line}`.
- Two different teachers named {twin_name}, at different schools: the
  possible-duplicates review lists them, and they are rightly left apart.

## Bigger collaboratives
`python -m analytics generate --enrollments 1000000 --out bench-data/1m`
writes the same kinds of files for benchmarks: exactly that many registration
rows, one registration file per calendar year (the tools' styles in turn), the
catalog and schools as CSV once there are more than 5,000 courses, and the same
bad rows.
"""


def sample_readme(world: World, seed: int, alias_line: str) -> str:
    """The README of a sample collaborative simulated with ``seed``."""
    labels = [p.term.label for p in world.plans]
    spring_2018 = labels.index("Spring 2018")
    enr = world.enrollments
    term_idx = world.courses["term_idx"].to_numpy()[enr["course"].to_numpy()]
    counting = (enr["status"].to_numpy() <= 1) & (term_idx == spring_2018)
    participants = len(np.unique(enr["person"].to_numpy()[counting]))
    alias_person, since, _ = world.alias
    twin = world.people.iloc[world.twins[0]]
    alias = world.people.iloc[alias_person]
    fall_2019 = world.plans[labels.index("Fall 2019")]
    return TEMPLATE.format(
        pilot=_number_word(world.plans[0].courses),
        by_2018=sum(p.courses for p in world.plans[: spring_2018 + 1]),
        spring_2018=participants // 50 * 50,
        seed=seed,
        alias_name=f"{alias['first']} {alias['last']}",
        alias_since=labels[since].lower(),
        alias_line=alias_line,
        twin_name=f"{twin['first']} {twin['last']}",
        unknown_code=f"BEC-{fall_2019.code}-RJC",
    )


def _number_word(n: int) -> str:
    words = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    return words[n] if n < len(words) else str(n)
