"""The People page through the real frame: looking a person up, and leader candidates."""

from __future__ import annotations

import duckdb
import pytest
from app_support import errors, open_page, run_app


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory, sample_copy):
    """The sample warehouse and one person who led a course after taking part (found before the app opens it)."""
    path = sample_copy(tmp_path_factory.mktemp("people"))
    con = duckdb.connect(str(path), read_only=True)
    try:
        email, name = con.execute(
            "select p.person_id, p.full_name from people as p "
            "join course_staff as s on s.person_id = p.person_id and s.role = 'leader' "
            "join enrollments as e on e.person_id = p.person_id "
            "where p.full_name is not null order by p.person_id limit 1"
        ).fetchone()
    finally:
        con.close()
    return path, email, name


@pytest.fixture(autouse=True)
def sample(sample_build, monkeypatch):
    monkeypatch.setenv("ANALYTICS_DB", str(sample_build[0]))


def test_looking_someone_up_shows_every_role_they_had(sample_build):
    _, email, name = sample_build
    at = open_page(run_app(), "people")
    at.text_input(key="people_search").input(email.split("@")[0]).run()
    assert errors(at) == []
    pick = at.selectbox(key="people_pick")
    assert email in pick.options or any(email in str(o) for o in pick.options)
    pick.set_value(email).run()
    history = at.dataframe[0].value
    assert {"participant", "leader"} <= set(history["role"])
    assert list(history.columns[:3]) == ["term", "course_code", "course_title"]


def test_a_search_that_finds_nobody_says_so():
    at = open_page(run_app(), "people")
    at.text_input(key="people_search").input("zz-nobody-has-this-zz").run()
    assert errors(at) == []
    assert any("Nobody" in i.value for i in at.info)


def test_leader_candidates_follow_the_thresholds():
    at = open_page(run_app(), "people")
    assert errors(at) == []
    default = at.dataframe[-1].value
    assert len(default) > 0
    assert (default["terms_participated"] >= 2).all() and (default["avg_rating"] >= 4).all()
    at.number_input(key="candidates_terms").set_value(4).run()
    stricter = at.dataframe[-1].value if at.dataframe else None
    if stricter is not None:
        assert len(stricter) < len(default)
        assert (stricter["terms_participated"] >= 4).all()
    else:
        assert any("Nobody meets" in i.value for i in at.info)
