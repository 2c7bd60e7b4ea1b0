"""Identity: emails identify people; the overrides file merges addresses; possible duplicates are listed."""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics.errors import AnalyticsError
from analytics.identity import load_overrides, possible_duplicate_count, possible_duplicates
from analytics.ingest import ingest_files

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
CATALOG = FIXTURES / "catalog.csv"
REPO = Path(__file__).resolve().parent.parent


def _file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _enrollments(tmp_path: Path) -> Path:
    return _file(
        tmp_path,
        "e.csv",
        "term,course_code,email,full_name\n"
        "Spring 2019,BEC-19S-01,ann.lee@home.org,Ann Lee\n"
        "Fall 2019,BEC-19F-01,ALEE@school.org,Ann  Lee\n"
        "Fall 2019,BEC-19F-01,other.lee@school.org,Ann Lée\n"
        "Fall 2019,BEC-19F-01,bob@school.org,Bob Ray\n",
    )


def test_shipped_overrides_file_has_the_header_and_valid_pairs_only():
    path = REPO / "data" / "identity_overrides.csv"
    lines = path.read_text(encoding="utf-8").strip().splitlines()
    assert lines[0] == "email,same_as_email"
    assert all(not line.startswith("#") for line in lines)
    assert len(load_overrides(path)) == len(lines) - 1  # every other line is one valid merge


def test_overrides_merge_two_addresses_of_one_person(con, tmp_path):
    overrides = _file(tmp_path, "ids.csv", "email,same_as_email\nAnn.Lee@home.org , alee@school.org\n")
    ingest_files(con, [CATALOG, _enrollments(tmp_path)], identity_file=overrides)
    rows = con.execute("select email, person_id from enrollments order by email").fetchall()
    assert rows[:2] == [("alee@school.org", "alee@school.org"), ("ann.lee@home.org", "alee@school.org")]
    assert con.execute("select count(*) from people where person_id like '%lee%'").fetchone()[0] == 2


def test_overrides_file_from_environment(con, tmp_path, monkeypatch):
    overrides = _file(tmp_path, "ids.csv", "email,same_as_email\nbob@school.org,robert@school.org\n")
    monkeypatch.setenv("ANALYTICS_IDENTITY", str(overrides))
    ingest_files(con, [CATALOG, _enrollments(tmp_path)])
    assert con.execute("select count(*) from people where person_id = 'robert@school.org'").fetchone()[0] == 1


def test_chains_and_cycles_resolve(tmp_path):
    chain = _file(tmp_path, "a.csv", "email,same_as_email\na@x.org,b@x.org\nb@x.org,c@x.org\nq@x.org,p@x.org\n")
    assert load_overrides(chain) == {"a@x.org": "c@x.org", "b@x.org": "c@x.org", "q@x.org": "p@x.org"}
    cycle = _file(tmp_path, "b.csv", "email,same_as_email\nb@x.org,a@x.org\na@x.org,b@x.org\n")
    assert load_overrides(cycle) == {"b@x.org": "a@x.org"}
    assert load_overrides(tmp_path / "missing.csv") == {}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("from,to\na@x.org,b@x.org\n", "line 1: expected the header"),
        ("email,same_as_email\na@x.org\n", "line 2: needs two addresses"),
        ("email,same_as_email\na@x.org,b@x.org\nnobody,b@x.org\n", "line 3: 'nobody' is not an email"),
    ],
)
def test_malformed_overrides_name_file_and_line(tmp_path, text, message):
    with pytest.raises(AnalyticsError, match=message):
        load_overrides(_file(tmp_path, "ids.csv", text))


def test_possible_duplicates_same_name_different_emails(con, tmp_path):
    ingest_files(con, [CATALOG, _enrollments(tmp_path)])
    frame = possible_duplicates(con)
    assert list(frame["person_id"]) == ["alee@school.org", "ann.lee@home.org", "other.lee@school.org"]
    assert set(frame["name_key"]) == {"ann lee"} and set(frame["group_size"]) == {3}
    assert list(frame.columns) == [
        "name_key",
        "person_id",
        "full_name",
        "enrollments",
        "first_term",
        "last_term",
        "group_size",
    ]
    # once merged, the two addresses are one person, and only the third remains to review
    overrides = _file(
        tmp_path,
        "ids.csv",
        "email,same_as_email\nann.lee@home.org,alee@school.org\nother.lee@school.org,alee@school.org\n",
    )
    con.execute("delete from people")  # people are rebuilt from the files under the new overrides
    ingest_files(con, [_file(tmp_path, "e2.csv", _enrollments(tmp_path).read_text() + "\n")], identity_file=overrides)
    assert possible_duplicates(con).empty


def test_a_page_of_possible_duplicates_is_the_head_of_the_whole_list(con, tmp_path):
    """The Data page reads only the first people of a long list: the same rows as the head of the whole
    list, each with its whole group's size and its own enrollments, and the count covers every one."""
    extra = _file(
        tmp_path,
        "more.csv",
        "term,course_code,email,full_name\n"
        "Spring 2019,BEC-19S-01,bo.chen@a.org,Bo Chen\n"
        "Spring 2019,BEC-19S-01,bchen@b.org,Bo Chen\n"
        "Fall 2019,BEC-19F-01,bchen@b.org,Bo Chen\n"
        "Spring 2019,BEC-19S-01,solo@c.org,Only Once\n",
    )
    ingest_files(con, [CATALOG, _enrollments(tmp_path), extra])
    whole = possible_duplicates(con)
    assert possible_duplicate_count(con) == (len(whole), 2) == (5, 2)
    assert "solo@c.org" not in set(whole["person_id"])
    nothing = possible_duplicates(con, limit=0)
    assert nothing.empty and list(nothing.columns) == list(whole.columns)
    for limit in (1, 2, 4, 5, 9):
        head = possible_duplicates(con, limit=limit)
        assert head.equals(whole.head(limit).reset_index(drop=True)), limit
    # the three under "ann lee", then bchen@b.org, the first of the two under "bo chen": its group is cut
    last = possible_duplicates(con, limit=4).iloc[-1]
    assert (last["person_id"], last["group_size"], last["enrollments"]) == ("bchen@b.org", 2, 2)
    assert (last["first_term"], last["last_term"]) == ("Spring 2019", "Fall 2019")
    with pytest.raises(ValueError, match="limit"):
        possible_duplicates(con, limit=-1)
