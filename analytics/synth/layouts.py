"""How each tool the collaborative used lays out a registration export.

Headers keep to the spellings docs/DATA.md promises (canonical names in any case and
spacing, `Email Address`, `E-mail`, `School Name`, `Semester`, `Session`,
`Course Name`, `Course`, `Course ID`, `Timestamp`, `First Name`/`Last Name`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from analytics.vocab import SECTORS, Term

_CODES = {1: "WI", 2: "SP", 3: "SU", 4: "FA"}
_ABBR = {1: "Win", 2: "Sp", 3: "Sum", 4: "Fall"}

# Ways people write a term; every one of them is read by analytics.vocab.parse_term.
TERM_SPELLINGS: dict[str, Callable[[Term], str]] = {
    "label": lambda t: t.label,  # Spring 2018
    "code": lambda t: f"{_CODES[t.season_no]}{t.year % 100:02d}",  # SP19
    "apostrophe": lambda t: f"{t.season} '{t.year % 100:02d}",  # Fall '19
    "year_first": lambda t: f"{t.year} {t.season}",  # 2019 Summer
    "abbreviated": lambda t: f"{_ABBR[t.season_no]} {t.year}",  # Sp 2020
    "dashed": lambda t: f"{t.year}-{_CODES[t.season_no]}",  # 2020-SU
}

# Sectors as most forms' dropdowns and the catalog spell them: the word, capitalised ("other" is never offered).
CAPITALISED_SECTORS = {sector: sector.capitalize() for sector in SECTORS if sector != "other"}


@dataclass(frozen=True)
class Layout:
    """One registration tool's export: headers -> fields, value spellings, file encoding."""

    name: str
    columns: tuple[tuple[str, str], ...]  # (header as the tool writes it, field of the registration row)
    sectors: dict[str, str]  # canonical sector -> how this form's dropdown spells it
    statuses: tuple[str, str, str, str]  # enrolled, completed, withdrawn, waitlisted
    timestamp: str = "%Y-%m-%d %H:%M:%S"
    encoding: str = "utf-8"
    sep: str = ","
    bom: bool = False
    blank_sector_share: float = 0.0  # left blank: the importer takes the school's sector


PILOT_SHEET = Layout(
    "pilot spreadsheet (course by title)",
    (
        ("First Name", "first_name"),
        ("Last Name", "last_name"),
        ("Email", "email"),
        ("School", "school"),
        ("Sector", "sector"),
        ("Course", "course_title"),
        ("Semester", "term"),
        ("Status", "status"),
    ),
    CAPITALISED_SECTORS,
    ("Enrolled", "Completed", "Withdrew", "Waitlist"),
)
GOOGLE_FORM = Layout(
    "Google Forms responses",
    (
        ("Timestamp", "registered_at"),
        ("Email Address", "email"),
        ("First Name", "first_name"),
        ("Last Name", "last_name"),
        ("School Name", "school"),
        ("Sector", "sector"),
        ("Role", "role"),
        ("Grade Band", "grade_band"),
        ("Subject", "subject"),
        ("Course ID", "course_code"),
        ("Course Name", "course_title"),
        ("Semester", "term"),
        ("Referred By", "referred_by"),
        ("Status", "status"),
    ),
    {
        "district": "Boston Public Schools (BPS)",
        "charter": "Charter",
        "catholic": "Catholic",
        "independent": "Independent / private",
    },
    ("Registered", "Completed", "Dropped", "Waitlisted"),
    timestamp="%m/%d/%Y %H:%M:%S",
    blank_sector_share=0.05,
)
EVENTBRITE = Layout(
    "Eventbrite attendee report",
    (
        ("Order #", "order_no"),
        ("Timestamp", "registered_at"),
        ("First Name", "first_name"),
        ("Last Name", "last_name"),
        ("Email", "email"),
        ("School Name", "school"),
        ("Sector", "sector"),
        ("Course ID", "course_code"),
        ("Course Name", "course_title"),
        ("Session", "term"),
        ("Status", "status"),
        ("Referred By", "referred_by"),
    ),
    {"district": "BPS", "charter": "Commonwealth charter", "catholic": "Parochial", "independent": "Private"},
    ("Attending", "Finished", "Cancelled", "Waitlist"),
)
EXCEL_WINDOWS = Layout(
    "coordinator's Excel sheet saved as CSV on Windows (Windows-1252, CRLF)",
    (
        ("Course ID", "course_code"),
        ("Semester", "term"),
        ("Last Name", "last_name"),
        ("First Name", "first_name"),
        ("E-mail", "email"),
        ("School Name", "school"),
        ("Sector", "sector"),
        ("Role", "role"),
        ("Subject", "subject"),
        ("Status", "status"),
        ("Registered At", "registered_at"),
    ),
    {"district": "district", "charter": "charter", "catholic": "Archdiocese of Boston", "independent": "independent"},
    ("Enrolled", "Complete", "Withdrawn", "Wait list"),
    timestamp="%m/%d/%Y %H:%M",
    encoding="cp1252",
    blank_sector_share=0.1,
)
EXCEL_UTF8 = Layout(
    'Excel "CSV UTF-8" with a byte-order mark and semicolons',
    (
        ("Timestamp", "registered_at"),
        ("Email Address", "email"),
        ("Full Name", "full_name"),
        ("School Name", "school"),
        ("Sector", "sector"),
        ("Course ID", "course_code"),
        ("Course Name", "course_title"),
        ("Semester", "term"),
        ("Status", "status"),
    ),
    CAPITALISED_SECTORS,
    ("Active", "Finished", "Withdrawn", "Waitlisted"),
    timestamp="%Y-%m-%dT%H:%M:%S",
    sep=";",
    bom=True,
)
CANONICAL = Layout(
    "the importer's own column names",
    (
        ("registered_at", "registered_at"),
        ("email", "email"),
        ("full_name", "full_name"),
        ("school", "school"),
        ("sector", "sector"),
        ("course_code", "course_code"),
        ("term", "term"),
        ("status", "status"),
        ("role", "role"),
        ("grade_band", "grade_band"),
        ("subject", "subject"),
        ("referred_by", "referred_by"),
    ),
    {"district": "district", "charter": "charter", "catholic": "catholic", "independent": "independent"},
    ("enrolled", "completed", "withdrawn", "waitlisted"),
    blank_sector_share=0.03,
)

# Big generated collaboratives cycle through these, one file per calendar year.
YEARLY_CYCLE = ((GOOGLE_FORM, "label"), (EVENTBRITE, "code"), (EXCEL_UTF8, "year_first"),
                (EXCEL_WINDOWS, "apostrophe"), (CANONICAL, "dashed"))  # fmt: skip
