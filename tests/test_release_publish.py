"""Before and after the first release: funders see no numbers, a coordinator publishes, funders then see it.

One warehouse (the acceptance exports, nothing published) for the whole module: the
app keeps its connection to the file for the rest of the process, so the steps run in
order in one test. The acceptance data publishes in about a minute here (the sample,
which the other release tests publish once per run, takes many): the button's path
is the same.
"""

from __future__ import annotations

import pytest
from app_support import build_warehouse, errors, open_page, run_app
from release_support import acceptance_batches

from analytics import ingest, metrics, warehouse
from analytics.security import COORDINATOR, FUNDER
from ui import auth
from ui.navigation import visible_pages

FUNDER_PAGES = [p.url_path for p in visible_pages(FUNDER)]


@pytest.fixture(scope="module")
def unpublished(tmp_path_factory):
    first, final = acceptance_batches()
    path = build_warehouse(tmp_path_factory.mktemp("publish") / "warehouse.duckdb", first)
    con = warehouse.connect(path)
    try:
        ingest.ingest_files(con, final)  # the corrected final file, as the other acceptance tests load it
        live = metrics.compute(con, "participation_by_term")
    finally:
        con.close()
    return path, live


def as_funder(monkeypatch) -> None:
    monkeypatch.setattr(auth, "viewer", lambda: auth.Viewer(FUNDER, "signed_in", "grants@examplefoundation.org"))


def as_coordinator(monkeypatch) -> None:
    monkeypatch.setattr(auth, "viewer", lambda: auth.Viewer(COORDINATOR, "signed_in", "coord@bostoncompact.org"))


def _shows_no_numbers(at) -> None:
    assert len(at.metric) == 0 and len(at.dataframe) == 0 and len(at.get("plotly_chart")) == 0
    assert len(at.get("download_button")) == 0
    assert [w.label for w in at.sidebar.selectbox] == []  # not even the term list


@pytest.mark.timeout(1200)  # one publication through the button, then several page runs
def test_no_release_then_the_coordinator_publishes_then_funders_see_it(unpublished, monkeypatch):
    path, live = unpublished
    monkeypatch.setenv("ANALYTICS_DB", str(path))

    as_funder(monkeypatch)
    for url_path in FUNDER_PAGES:
        at = open_page(run_app({"sector": "charter"}), url_path) if url_path != "overview" else run_app()
        assert errors(at) == []
        assert [t.value for t in at.title] == ["Not published yet"], url_path
        assert any("have not published" in str(i.value) for i in at.info)
        _shows_no_numbers(at)

    as_coordinator(monkeypatch)
    at = run_app()  # coordinators keep live numbers while nothing is published
    latest = live.iloc[-1]
    assert {m.label: m.value for m in at.metric}["Participants"] == f"{int(latest['participants']):,}"
    at = open_page(at, "data")
    assert errors(at) == []
    assert any("Nothing published yet" in str(i.value) for i in at.info)
    [publish] = [b for b in at.button if b.label == "Publish for funders"]
    assert not publish.disabled
    at = publish.click().run(timeout=600)  # about a minute, several on this shared machine under load
    assert errors(at) == []
    assert any("Published release" in str(s.value) for s in at.success)
    assert any("**Release " in str(m.value) for m in at.markdown)

    as_funder(monkeypatch)
    at = run_app()
    assert errors(at) == []
    assert [t.value for t in at.title] != ["Not published yet"]
    assert any("release 1" in str(c.value) for c in at.caption)
    assert len(at.metric) == 5
