"""The address and the server's own address: hostile filters in a link, local mode served publicly."""

from __future__ import annotations

import pytest
from release_support import published_copy
from security_support import sample_people
from test_security_roles import FUNDER_USER, _shows_no_data, app


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    # with a release: a funder's address is read against the views it publishes (none: no filters at all)
    return sample_people(published_copy(tmp_path_factory, tmp_path_factory.mktemp("url") / "warehouse.duckdb"))


@pytest.fixture
def db(sample, monkeypatch):
    monkeypatch.setenv("ANALYTICS_DB", str(sample[0]))
    return sample


def test_local_mode_on_a_public_address_shows_no_data(db):
    from streamlit import config

    _, emails, names = db
    before = config.get_option("server.address")
    config.set_option("server.address", "0.0.0.0")
    try:
        at = app(None, auth=False)
    finally:
        config.set_option("server.address", before)
    assert any("no sign-in configured but is served on 0.0.0.0" in str(e.value) for e in at.error)
    _shows_no_data(at, emails, names)


URL_PAYLOADS = ["'; drop table people; --", "x') or 1=1 --", "<script>window.__xss=1</script>", "$sectors"]


@pytest.mark.parametrize("payload", URL_PAYLOADS)
def test_hostile_filters_in_the_address_are_ignored_with_an_escaped_notice(db, payload):
    path, emails, names = db
    at = app(FUNDER_USER, {"sector": payload, "category": payload, "term_from": payload})
    assert not at.exception
    notices = " ".join(str(w.value) for w in at.warning)
    assert "is not one we know" in notices and "is not a term" in notices  # said plainly, value quoted as text
    assert "<script>" not in notices or "\\<script" in notices  # escaped for Markdown
    plain = app(FUNDER_USER)
    assert [m.value for m in at.metric] == [m.value for m in plain.metric]
    assert [f.value.to_csv() for f in at.dataframe] == [f.value.to_csv() for f in plain.dataframe]
