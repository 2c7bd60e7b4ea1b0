"""The shared sidebar through the real frame: address in, address out, page changes, reset, bad links."""

from __future__ import annotations

import pytest
from app_support import errors, open_page, run_app


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory, sample_copy):
    return sample_copy(tmp_path_factory.mktemp("filters"))


@pytest.fixture(autouse=True)
def sample(sample_db, monkeypatch):
    monkeypatch.setenv("ANALYTICS_DB", str(sample_db))
    return sample_db


def _query(at) -> dict[str, list[str]]:
    return {k: v if isinstance(v, list) else [v] for k, v in at.query_params.items()}


def test_choosing_filters_writes_them_to_the_address(sample):
    at = run_app()
    assert _query(at) == {}
    at.sidebar.multiselect(key="flt_sectors").set_value(["charter", "district"]).run()
    at.sidebar.selectbox(key="flt_term_from").set_value("Fall 2018").run()
    assert _query(at) == {"sector": ["charter", "district"], "term_from": ["Fall 2018"]}


def test_filters_survive_page_changes(sample):
    at = run_app()
    at.sidebar.multiselect(key="flt_categories").set_value(["rigorous_curricula"]).run()
    for page in ("growth", "pipeline", "data", "overview"):
        at = open_page(at, page)
        assert errors(at) == []
        assert at.sidebar.multiselect(key="flt_categories").value == ["rigorous_curricula"]
        assert _query(at) == {"category": ["rigorous_curricula"]}


def test_a_followed_link_with_other_filters_wins_over_the_widgets(sample):
    at = run_app({"sector": "charter"})
    at.query_params.clear()
    at.query_params["sector"] = ["catholic"]
    at.query_params["term_to"] = "Spring 2019"
    at.run()
    assert at.sidebar.multiselect(key="flt_sectors").value == ["catholic"]
    assert at.sidebar.selectbox(key="flt_term_to").value == "Spring 2019"


def test_reset_clears_the_widgets_and_the_address(sample):
    at = run_app({"sector": ["charter"], "category": "all_learners", "term_from": "Fall 2018"})
    at.sidebar.button[0].click().run()
    assert at.sidebar.multiselect(key="flt_sectors").value == []
    assert at.sidebar.multiselect(key="flt_categories").value == []
    assert at.sidebar.selectbox(key="flt_term_from").value == "Spring 2017"
    assert _query(at) == {}


def test_a_bad_link_is_read_as_far_as_it_makes_sense_with_a_notice(sample):
    at = run_app(
        {"sector": ["charter", "martian"], "term_from": "Smarch 2019", "category": "[click](http://evil.example)"}
    )
    assert errors(at) == []
    assert at.sidebar.multiselect(key="flt_sectors").value == ["charter"]
    notice = " ".join(w.value for w in at.warning)
    assert "martian" in notice and "Smarch 2019" in notice
    # Text from the address is shown as text: the markdown link is escaped, never rendered.
    assert "[click](http" not in notice
    assert _query(at) == {"sector": ["charter"]}
    # The notice is about that link only: the next run is quiet.
    at.run()
    assert list(at.warning) == []


def test_people_type_spellings_in_links(sample):
    at = run_app({"sector": "Catholic", "term_from": "FA18", "term_to": "2019 Spring"})
    assert at.sidebar.multiselect(key="flt_sectors").value == ["catholic"]
    assert _query(at) == {"sector": ["catholic"], "term_from": ["Fall 2018"], "term_to": ["Spring 2019"]}


def test_in_page_links_carry_the_filters(sample):
    at = run_app({"sector": "charter"})
    links = [link.proto for link in at.get("page_link")]
    assert links, "the overview links to the detail pages"
    assert all("sector=charter" in link.query_string for link in links)
