"""Filters <-> address (ui.url): what a link means, and what in it is ignored with a notice."""

from __future__ import annotations

from analytics.filters import Filters
from analytics.vocab import Term
from ui.url import filter_key, filters_from_key, filters_from_query, query_from_filters

TERMS = [Term(2017, 2), Term(2017, 4), Term(2018, 2), Term(2018, 4)]


def test_canonical_values_and_repeated_keys():
    parsed = filters_from_query(
        {"sector": ["charter", "district"], "category": ["all_learners"], "term_from": ["Fall 2017"]}, TERMS
    )
    assert parsed.notices == ()
    assert parsed.filters == Filters(("charter", "district"), ("all_learners",), Term(2017, 4), None)


def test_spellings_people_type_are_understood():
    parsed = filters_from_query(
        {"sector": "Boston Public Schools", "category": "Culturally proficient", "term_to": "SP18"}, TERMS
    )
    assert parsed.filters == Filters(("district",), ("culturally_proficient",), None, Term(2018, 2))
    assert parsed.notices == ()


def test_unknown_values_are_dropped_with_a_notice_each_and_the_rest_kept():
    parsed = filters_from_query(
        {"sector": ["charter", "martian"], "category": ["nonsense"], "term_from": ["Smarch 2019"]}, TERMS
    )
    assert parsed.filters == Filters(("charter",), None, None, None)
    assert len(parsed.notices) == 3
    assert "'martian'" in parsed.notices[0]
    assert "'nonsense'" in parsed.notices[1]
    assert "'Smarch 2019'" in parsed.notices[2]


def test_terms_without_data_are_ignored_and_a_backwards_range_is_turned_round():
    parsed = filters_from_query({"term_from": "Fall 2018", "term_to": "Spring 2017"}, TERMS)
    assert (parsed.filters.term_from, parsed.filters.term_to) == (Term(2017, 2), Term(2018, 4))
    assert "backwards" in parsed.notices[0]
    missing = filters_from_query({"term_from": "Winter 2016"}, TERMS)
    assert missing.filters.term_from is None
    assert "no data" in missing.notices[0]


def test_duplicates_and_blanks():
    parsed = filters_from_query(
        {"sector": ["charter", "Charter", " ", ""], "term_to": ["Fall 2017", "Fall 2018"]}, TERMS
    )
    assert parsed.filters.sectors == ("charter",)
    assert parsed.filters.term_to == Term(2017, 4)
    assert parsed.notices == ("term_to was given 2 times; the first value is used.",)


def test_query_round_trip():
    filters = Filters(("catholic", "charter"), ("rigorous_curricula",), Term(2017, 4), Term(2018, 2))
    query = query_from_filters(filters)
    assert query == {
        "sector": ["catholic", "charter"],
        "category": ["rigorous_curricula"],
        "term_from": ["Fall 2017"],
        "term_to": ["Spring 2018"],
    }
    assert filters_from_query(query, TERMS).filters == filters
    assert query_from_filters(Filters()) == {}


def test_cache_key_round_trip():
    for filters in (Filters(), Filters(("charter",), None, Term(2017, 2), None)):
        key = filter_key(filters)
        assert hash(key) is not None
        assert filters_from_key(key) == filters
