"""docs/DATA.md's value rules (docs/DATA.md#values): terms, sectors, strands, statuses and answer scales."""

import pytest

from analytics import vocab
from analytics.vocab import Term, parse_term


@pytest.mark.parametrize(
    "raw",
    [
        "Spring 2017",
        "2017 Spring",
        "Spring '17",
        "SP17",
        "Sp 2017",
        "2017-SP",
        "spring 17",
        " SPRING  2017 ",
        "Spring ’17",
    ],
)
def test_spring_2017_spellings(raw):
    assert parse_term(raw) == Term(2017, 2)
    assert parse_term(raw).label == "Spring 2017"


@pytest.mark.parametrize(
    ("raw", "label"),
    [
        ("Fall 2018", "Fall 2018"),
        ("FA18", "Fall 2018"),
        ("Autumn 2018", "Fall 2018"),
        ("Summer 2019", "Summer 2019"),
        ("SU19", "Summer 2019"),
        ("Winter 2020", "Winter 2020"),
        ("WI20", "Winter 2020"),
        ("2020 winter", "Winter 2020"),
    ],
)
def test_other_seasons(raw, label):
    assert parse_term(raw).label == label


@pytest.mark.parametrize("raw", ["TBD", "", None, "Spring", "2017", "Spring 1850", "Sprung 2017"])
def test_unparseable_terms(raw):
    assert parse_term(raw) is None


def test_term_order_within_a_year():
    terms = [parse_term(t) for t in ["Fall 2018", "Summer 2018", "Spring 2018", "Winter 2018", "Fall 2017"]]
    assert [t.label for t in sorted(terms)] == ["Fall 2017", "Winter 2018", "Spring 2018", "Summer 2018", "Fall 2018"]
    assert Term.from_order(parse_term("FA18").order) == parse_term("Fall 2018")


@pytest.mark.parametrize(
    ("raw", "sector"),
    [
        ("district", "district"),
        ("Public", "district"),
        ("BPS", "district"),
        ("Boston Public Schools (BPS)", "district"),
        ("pilot", "district"),
        ("traditional public", "district"),
        ("Commonwealth charter", "charter"),
        ("Horace Mann charter", "charter"),
        ("Catholic", "catholic"),
        ("parochial", "catholic"),
        ("Archdiocese", "catholic"),
        ("Catholic Schools Office", "catholic"),
        ("Private", "independent"),
        ("Independent", "independent"),
        ("METCO suburban", "other"),
        ("", None),
    ],
)
def test_sectors(raw, sector):
    assert vocab.normalise_sector(raw) == sector


def test_sector_mapping_file_spellings_come_first():
    assert vocab.normalise_sector("Network school", {"network school": "charter"}) == "charter"


@pytest.mark.parametrize(
    ("raw", "category"),
    [
        ("Supporting All Learners", "all_learners"),
        ("reaching all learners", "all_learners"),
        ("Culturally Proficient Strategies", "culturally_proficient"),
        ("Rigorous Curricula with Rich Content", "rigorous_curricula"),
        ("Leadership", "other"),
    ],
)
def test_categories(raw, category):
    assert vocab.normalise_category(raw) == category


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        ("", "enrolled"),
        ("Registered", "enrolled"),
        ("attending", "enrolled"),
        ("Complete", "completed"),
        ("passed", "completed"),
        ("Dropped", "withdrawn"),
        ("cancelled", "withdrawn"),
        ("Waitlist", "waitlisted"),
        ("maybe later", None),
    ],
)
def test_statuses(raw, status):
    assert vocab.normalise_status(raw) == status


def test_scores():
    assert vocab.parse_rating("Excellent") == 5
    assert vocab.parse_rating("4") == 4
    assert vocab.parse_rating("4.0") == 4
    assert vocab.parse_rating("6") == vocab.INVALID
    assert vocab.parse_rating("") is None
    assert vocab.parse_recommend("10 - Extremely likely") == 10
    assert vocab.parse_recommend("0") == 0
    assert vocab.parse_recommend("11") == vocab.INVALID
    assert vocab.parse_implement("Strongly agree") == 5
    assert vocab.parse_implement("Neither agree nor disagree") == 3
    assert vocab.parse_lead_interest("Yes!") == "yes"
    assert vocab.parse_lead_interest("Maybe") == "maybe"
    assert vocab.parse_lead_interest("perhaps") == vocab.INVALID
