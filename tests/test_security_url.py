"""The address and the server's own address: hostile filters in a link, local mode served publicly."""

from __future__ import annotations

import pytest
from app_support import open_numbers
from test_security_roles import FUNDER_USER, _shows_no_data, app


def test_local_mode_on_a_public_address_shows_no_data(people_db):
    from streamlit import config

    _, emails, names = people_db
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
def test_hostile_filters_in_the_address_are_ignored_with_an_escaped_notice(people_db, payload):
    path, emails, names = people_db
    at = app(FUNDER_USER, {"sector": payload, "category": payload, "term_from": payload})
    assert not at.exception
    notices = " ".join(str(w.value) for w in at.warning)
    assert "is not one we know" in notices and "is not a term" in notices  # said plainly, value quoted as text
    assert "<script>" not in notices or "\\<script" in notices  # escaped for Markdown
    plain = open_numbers(app(FUNDER_USER))
    assert [m.value for m in at.metric] == [m.value for m in plain.metric]
    at = open_numbers(at)
    assert plain.dataframe and [f.value.to_csv() for f in at.dataframe] == [f.value.to_csv() for f in plain.dataframe]
