"""Roles through the real frame with AppTest's user injection: funder, coordinator, unlisted, signed out, local.

The warehouse is the sample; a narrow filter (one small sector) makes sure small
counts exist, so the funder checks below would fail if suppression slipped: the
same pages seen by a coordinator must show counts from 1 to 9.
"""

from __future__ import annotations

import importlib.util
import io
import json
import re

import pandas as pd
import pytest
from app_support import FRAME, open_numbers, open_page
from streamlit.testing.v1 import AppTest

from analytics import disclosure, exports, warehouse
from analytics.filters import Filters
from analytics.metrics import TABLES
from analytics.security import FUNDER
from ui.navigation import PAGES, visible_pages

K = 10
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-test-secret-that-signs-nothing-real",
    "client_id": "dashboard",
    "client_secret": "not-a-secret",
    "server_metadata_url": "https://id.example.org/.well-known/openid-configuration",
}
ACCESS = {"coordinators": ["coord@bostoncompact.org"], "funders": ["@examplefoundation.org"]}
FUNDER_USER = {"is_logged_in": True, "email": "grants@examplefoundation.org", "email_verified": True}
COORDINATOR_USER = {"is_logged_in": True, "email": "coord@bostoncompact.org"}
UNLISTED_USER = {"is_logged_in": True, "email": "visitor@gmail.com"}
SMALL = {"sector": ["independent"]}  # a small sector: many of its counts are under 10
COUNT_COLUMNS = {c for spec in TABLES.values() for c in spec.person_counts}
FUNDER_URLS = [p.url_path for p in visible_pages(FUNDER)]
HIDDEN_URLS = [p.url_path for p in PAGES if p.coordinators_only]


def app(user: dict | None, query: dict | None = None, *, auth: bool = True) -> AppTest:
    at = AppTest.from_file(str(FRAME), default_timeout=120)
    if auth:
        at.secrets["auth"] = AUTH
        at.secrets["access"] = ACCESS
    if user is not None:
        at.user = user
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def _ints(value) -> list[int]:
    """Integers in chart data (rates are floats, so they never count as counts)."""
    if isinstance(value, bool):
        return []
    if isinstance(value, int):
        return [value]
    if isinstance(value, list | tuple):
        return [i for v in value for i in _ints(v)]
    if isinstance(value, dict):
        return [i for v in value.values() for i in _ints(v)]
    return []


def shown_counts(at: AppTest) -> list[tuple[str, int]]:
    """Every count the page shows: headline numbers, count columns of tables, numbers in chart data."""
    found = []
    for metric in at.metric:
        digits = re.sub(r"[,\s]", "", str(metric.value))
        # docs/METRICS.md withholds counts of people and enrollments; schools and courses are shown as they are
        if digits.isdigit() and not re.search(r"school|course", metric.label, re.IGNORECASE):
            found.append((f"metric {metric.label}", int(digits)))
    for frame in at.dataframe:
        table = frame.value
        for column in table.columns:
            if column in COUNT_COLUMNS:
                found += [(f"table column {column}", int(v)) for v in table[column].dropna()]
    for chart in at.get("plotly_chart"):
        for trace in json.loads(chart.proto.spec).get("data", []):
            for axis in ("y", "z", "values", "text"):
                if axis in trace and not (axis == "y" and trace.get("orientation") == "h"):
                    found += [(f"chart {trace.get('name')} {axis}", v) for v in _ints(trace[axis])]
    return found


def small(counts: list[tuple[str, int]]) -> list[tuple[str, int]]:
    return [(where, n) for where, n in counts if 1 <= n < K]


def shown_text(at: AppTest) -> str:
    """Everything written on the page, the tables' cells and the charts' data, as one text."""
    parts = []
    for kind in ("markdown", "caption", "text", "title", "header", "subheader", "info", "warning", "error", "success"):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [str(m.label) + " " + str(m.value) for m in at.metric]
    parts += [frame.value.to_csv() for frame in at.dataframe]
    parts += [chart.proto.spec for chart in at.get("plotly_chart")]
    parts += [str(s.options) for s in at.selectbox]
    return "\n".join(parts)


def leaks(text: str, emails: set[str], names: set[str]) -> list[str]:
    lowered = text.lower()
    return sorted([e for e in emails if e in lowered] + [n for n in names if n in text])[:5]


def _navigation_pages(at: AppTest) -> set[str]:
    """The pages this session registered with st.navigation (what the sidebar offers and URLs can reach)."""
    with pytest.raises(ValueError, match="Known pages") as raised:
        at.switch_page("ui/auth.py")  # a file that is no page: the error lists the pages registered
    known = str(raised.value).split("Known pages:", 1)[1]
    return {p.rsplit("/", 1)[-1].removesuffix(".py") for p in re.findall(r"'([^']+\.py)'", known)}


# --- funder --------------------------------------------------------------------------------------------------------


def test_funder_navigation_holds_only_funder_pages(people_db):
    at = app(FUNDER_USER)
    assert not at.exception
    assert _navigation_pages(at) == set(FUNDER_URLS)
    for hidden in HIDDEN_URLS:  # not reachable by address either: Streamlit knows no such page for this session
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(f"pages/{hidden}.py")


@pytest.mark.parametrize("url_path", FUNDER_URLS)
@pytest.mark.parametrize("query", [{}, SMALL], ids=["all", "small-sector"])
def test_funder_pages_show_no_small_count_and_no_person(people_db, url_path, query):
    _, emails, names = people_db
    at = open_numbers(open_page(app(FUNDER_USER, query), url_path), required=False)
    assert not at.exception, [e.value for e in at.exception]
    assert small(shown_counts(at)) == []
    assert leaks(shown_text(at), emails, names) == []
    assert any("Funder" in c.value for c in at.sidebar.caption)


def test_the_same_small_sector_shows_small_counts_to_a_coordinator(people_db):
    """The checks above can fail: a coordinator sees counts from 1 to 9 on these pages."""
    seen = []
    for url_path in FUNDER_URLS:
        at = open_numbers(open_page(app(COORDINATOR_USER, SMALL), url_path), required=False)
        assert not at.exception
        seen += small(shown_counts(at))
    assert len(seen) > 5


def test_funder_exports_page_previews_every_table_suppressed_and_cannot_turn_it_off(people_db):
    _, emails, names = people_db
    at = open_page(app(FUNDER_USER, SMALL), "exports")
    switch = at.toggle(key="exports_suppress")
    assert switch.value is True and switch.disabled
    offered = at.selectbox(key="exports_table").options
    assert "survey_by_course" not in offered and "enrollment_status" not in offered  # coordinator-only tables
    for name in offered:
        at.selectbox(key="exports_table").set_value(name).run()
        assert not at.exception, name
        assert small(shown_counts(at)) == [], name
        assert leaks(shown_text(at), emails, names) == [], name
    at.session_state["exports_suppress"] = False  # what a crafted widget message could do: the role still decides
    at.run()
    assert not at.exception
    assert small(shown_counts(at)) == []


@pytest.mark.parametrize("fmt", sorted(exports.FORMATS))
def test_every_export_a_funder_can_download_is_suppressed_and_anonymous(people_sample, fmt):
    path, emails, names = people_sample
    con = warehouse.connect(path)  # the process's (locked) instance, as the app opened it
    try:
        release = disclosure.latest_release(con)
        for filters in (Filters(), Filters.parse(sectors=SMALL["sector"])):
            view = disclosure.view_for(filters)
            for name in [n for n in release.tables if release.offers(n, view)]:
                made = exports.export_table(con, name, filters, fmt, suppress_below=K)
                frame = _read_export(made.data, fmt)
                counts = [int(v) for c in frame.columns if c in COUNT_COLUMNS for v in frame[c].dropna()]
                assert [n for n in counts if 1 <= n < K] == [], (name, fmt)
                text = frame.to_csv()
                assert leaks(text, emails, names) == [], (name, fmt)
    finally:
        con.close()


def _read_export(data: bytes, fmt: str) -> pd.DataFrame:
    if fmt == "csv":
        return pd.read_csv(io.BytesIO(data))
    if fmt == "json":
        document = json.loads(data)
        rows = document["rows"]
        return pd.DataFrame(rows, columns=document["columns"] if rows and isinstance(rows[0], list) else None)
    sheets = pd.read_excel(io.BytesIO(data), sheet_name=None)
    return next(frame for sheet, frame in sheets.items() if sheet.lower() != "about")


# --- coordinator, unlisted, signed out, local --------------------------------------------------------------------


def test_coordinator_signed_in_sees_every_page_and_a_sign_out(people_db):
    at = app(COORDINATOR_USER)
    assert not at.exception
    assert _navigation_pages(at) == {p.url_path for p in PAGES}
    assert any(b.label == "Sign out" for b in at.sidebar.button)
    assert not [i for i in at.info if "Local mode" in str(i.value)]


def signs_in(at: AppTest) -> bool:
    """The sign-in page: its button, or (where Authlib is not installed) the message saying what to install."""
    if importlib.util.find_spec("authlib") is None:
        return any("Authlib" in str(e.value) for e in at.error)
    return any(b.label.startswith("Sign in") for b in at.button)


def _shows_no_data(at: AppTest, emails: set[str], names: set[str]) -> None:
    assert not at.exception
    assert len(at.metric) == 0 and len(at.dataframe) == 0 and len(at.get("plotly_chart")) == 0
    assert [w.label for w in at.sidebar.multiselect] == []  # not even the filters (they list the terms)
    assert leaks(shown_text(at), emails, names) == []
    assert not any(re.search(r"\b(19|20)\d\d\b", str(m.value)) for m in at.markdown)  # no term, no as-of date


@pytest.mark.parametrize("url_path", [p.url_path for p in PAGES])
def test_unlisted_account_gets_a_polite_no_access_page_everywhere(people_db, url_path):
    _, emails, names = people_db
    at = app(UNLISTED_USER, {"sector": "charter"})
    for attempt in range(2):  # the first run, then the page asked for by its address
        assert [t.value for t in at.title] == ["No access yet"], attempt
        assert "visitor@gmail.com" in " ".join(str(t.value) for t in at.text)
        assert any(b.label == "Sign out" for b in at.button)
        _shows_no_data(at, emails, names)
        at.switch_page(f"pages/{url_path}.py").run()


@pytest.mark.parametrize("url_path", [p.url_path for p in PAGES])
def test_signed_out_visitor_gets_the_sign_in_page_only(people_db, url_path):
    _, emails, names = people_db
    at = app({"is_logged_in": False})
    for attempt in range(2):
        assert signs_in(at), attempt
        _shows_no_data(at, emails, names)
        at.switch_page(f"pages/{url_path}.py").run()


def test_unverified_address_of_a_listed_domain_gets_no_access(people_db):
    _, emails, names = people_db
    at = app({"is_logged_in": True, "email": "grants@examplefoundation.org", "email_verified": False})
    assert [t.value for t in at.title] == ["No access yet"]
    _shows_no_data(at, emails, names)


def test_broken_access_lists_show_no_data_and_say_why(people_db, monkeypatch):
    _, emails, names = people_db
    at = AppTest.from_file(str(FRAME), default_timeout=120)
    at.secrets["auth"] = AUTH
    at.secrets["access"] = {"coordinators": "coord@bostoncompact.org"}  # a string, not a list
    at.user = COORDINATOR_USER
    at.run()
    assert any("access lists" in str(e.value) for e in at.error)
    _shows_no_data(at, emails, names)


def test_local_mode_is_the_coordinator_with_a_visible_banner(people_db):
    at = app(None, auth=False)
    assert not at.exception
    assert any("Local mode" in str(i.value) for i in at.info)
    assert _navigation_pages(at) == {p.url_path for p in PAGES}
