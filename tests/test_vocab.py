"""docs/DATA.md's value rules (docs/DATA.md#values): terms, sectors, strands, statuses and answer scales."""

import pytest
from spellings import TERM_SPELLINGS

from analytics import vocab
from analytics.vocab import Term, parse_term


@pytest.mark.parametrize(("raw", "label"), TERM_SPELLINGS)
def test_term_spellings(raw, label):
    term = parse_term(raw)
    assert term.label == label
    assert Term.from_order(term.order) == term


def test_spring_2017_is_year_2017_season_2():
    assert parse_term("SP17") == Term(2017, 2)


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


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        ("Checked In", "enrolled"),
        ("Attended", "enrolled"),
        ("Attending", "enrolled"),
        ("Credit earned", "completed"),
        ("Refunded", "withdrawn"),
        ("Not Attending", "withdrawn"),
        ("No Show", "withdrawn"),
        ("no-show", "withdrawn"),
        ("Deleted", "withdrawn"),
        ("On waitlist", "waitlisted"),
        ("Transferred", None),
    ],
)
def test_registration_tool_status_words(raw, status):
    assert vocab.normalise_status(raw) == status


def test_a_tools_own_status_word_from_a_mapping_or_layout():
    assert vocab.normalise_status("Transferred", {"transferred": "withdrawn"}) == "withdrawn"


@pytest.mark.parametrize(
    ("raw", "score"),
    [
        ("Very dissatisfied", 1),
        ("Dissatisfied", 2),
        ("Neither satisfied nor dissatisfied", 3),
        ("Satisfied", 4),
        ("Very satisfied", 5),
        ("Very good", 4),
        ("1 - Poor", 1),
    ],
)
def test_satisfaction_and_quality_scales(raw, score):
    assert vocab.parse_rating(raw) == score


@pytest.mark.parametrize(
    ("raw", "score"),
    [
        ("Strongly disagree", 1),
        ("Disagree", 2),
        ("Somewhat disagree", 2),
        ("Neither agree nor disagree", 3),
        ("Somewhat agree", 4),
        ("Agree", 4),
        ("Strongly agree", 5),
    ],
)
def test_seven_point_agreement_onto_five(raw, score):
    assert vocab.parse_implement(raw) == score


@pytest.mark.parametrize(
    ("raw", "score"),
    [("10 - Extremely likely", 10), ("Extremely likely", 10), ("0 - Not at all likely", 0), ("Not at all likely", 0)],
)
def test_nps_labels(raw, score):
    assert vocab.parse_recommend(raw) == score


@pytest.mark.parametrize(
    ("raw", "answer"), [("Yes, I'd like to lead", "yes"), ("Not now", "no"), ("Not sure", "maybe")]
)
def test_lead_interest_phrases(raw, answer):
    assert vocab.parse_lead_interest(raw) == answer


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2018/01/08 12:30:42 PM EST", "2018-01-08 12:30:42"),
        ("1/7/19 13:21", "2019-01-07 13:21:00"),
        ("2/14/2018 9:03:11", "2018-02-14 09:03:11"),
        ("2018-01-08T12:30:42-05:00", "2018-01-08 12:30:42"),
        ("Jan 8, 2018 12:30 PM", "2018-01-08 12:30:00"),
        ("43108.5", "2018-01-08 12:00:00"),  # an Excel serial date
        ("43108", "2018-01-08 00:00:00"),
    ],
)
def test_dates_and_times_of_the_tools(raw, expected):
    from analytics.ingest.dates import timestamp_text

    assert timestamp_text(raw) == expected


@pytest.mark.parametrize("raw", ["TBA", "sometime", "12", "2018", "", None, "99999999"])
def test_not_dates(raw):
    from analytics.ingest.dates import parse_datetime

    assert parse_datetime(raw) is None


def _every_layout(text: str) -> set:
    """What strptime reads the text as under each layout that takes it (the parse without shapes)."""
    import datetime as dt

    from analytics.ingest.dates import _FORMATS

    read = set()
    for layout in _FORMATS:
        try:
            read.add(dt.datetime.strptime(text, layout))
        except ValueError:
            continue
    return read


def test_a_layout_is_skipped_only_where_strptime_could_not_read_the_text():
    import datetime as dt
    import random

    from analytics.ingest.dates import _FORMATS, _parse

    chance = random.Random(2017)
    texts = []
    for _ in range(120):
        moment = dt.datetime(chance.randint(1990, 2040), chance.randint(1, 12), chance.randint(1, 28))
        moment += dt.timedelta(seconds=chance.randint(0, 86399))
        for layout in _FORMATS:
            text = moment.strftime(layout)
            texts.append(text)
            texts.append(text.lower())  # am/pm and month names in any case
            texts.append(text.replace("/0", "/").replace(" 0", " "))  # unpadded day, month and hour
            texts.append(text.replace(":", ".", 1))  # no layout has this
            texts.append(text[: chance.randint(1, len(text))])  # cut anywhere
    assert len(texts) > 15_000
    for text in texts:
        found = _parse.__wrapped__(text)
        expected = _every_layout(text)
        if not expected:
            assert found is None, text
        elif not (text[:4].isdigit() and text[4:5] == "-"):  # (ISO texts are read by fromisoformat first)
            assert found in expected, text
