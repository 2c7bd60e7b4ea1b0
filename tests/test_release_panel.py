"""The coordinators' Data page: the latest release, what changed since it, and what the next one would withhold.

The acceptance exports are published, then one import is undone: live numbers have moved
since the release, and the preview says which published tables would change. Coordinators
keep live numbers on their pages meanwhile.
"""

from __future__ import annotations

import pytest
from app_support import errors, latest_release_of, open_numbers, open_page, run_app
from release_support import published_acceptance

from analytics import ingest, metrics
from analytics.disclosure.tables import RELEASE_TABLES
from analytics.security import COORDINATOR, FUNDER
from ui import auth
from ui.navigation import visible_pages

UNDONE = "enrollments_summer_2019.csv"


@pytest.fixture(scope="module")
def moved(tmp_path_factory):
    """A released warehouse whose live data has changed since (one import undone), and what is known of both."""
    path = published_acceptance(tmp_path_factory, tmp_path_factory.mktemp("panel") / "warehouse.duckdb")
    with latest_release_of(path) as (con, release):
        released = release.table("participation_by_term", "all")
        summary = release.summary()
        (batch,) = [b.batch_id for b in ingest.list_batches(con).itertuples() if b.file_name == UNDONE]
        ingest.undo_batch(con, batch)
        live = metrics.compute(con, "participation_by_term")
    return path, release.id, released, summary, live


@pytest.mark.timeout(1500)  # the preview works out a whole release: a minute or more on this shared machine
def test_the_data_page_shows_the_release_and_what_the_next_would_change(moved, monkeypatch):
    path, release_id, released, summary, live = moved
    monkeypatch.setenv("ANALYTICS_DB", str(path))
    monkeypatch.setattr(auth, "viewer", lambda: auth.Viewer(COORDINATOR, "signed_in", "coord@bostoncompact.org"))

    at = open_numbers(run_app())  # coordinators see live numbers, not the release's
    assert "Summer 2019" not in set(live["term"]) and "Summer 2019" in set(released["term"])
    shown_terms = {str(v) for f in at.dataframe if "term" in f.value.columns for v in f.value["term"]}
    assert shown_terms and "Summer 2019" not in shown_terms

    at = open_page(at, "data")
    assert errors(at) == []
    assert any(f"**Release {release_id}**" in str(m.value) for m in at.markdown)
    audit = next(f.value for f in at.dataframe if "withheld_share" in f.value.columns)
    assert sorted(audit["table"]) == sorted(summary["table"])  # the stored audit, per table
    assert at.number_input(key="release_k").value == 10 and at.number_input(key="release_p").value == 5

    [preview] = [b for b in at.button if b.label == "Preview the next release"]
    at = preview.click().run(timeout=900)
    assert errors(at) == []
    assert any("passes its audit" in str(s.value) for s in at.success)
    [note] = [str(c.value) for c in at.caption if str(c.value).startswith("Changes against")]
    assert f"release {release_id}" in note
    changed = next(f.value for f in at.dataframe if "cells_changed" in f.value.columns)
    assert (changed["cells_changed"] > 0).all() and set(changed["table"]) <= set(RELEASE_TABLES)
    assert f": {len(changed)} of " in note
    # the undone summer term was in the release's everyone view: that table changed
    assert ((changed["table"] == "participation_by_term") & (changed["view"] == "all")).any()
    withheld = [f.value for f in at.dataframe if "withheld_share" in f.value.columns]
    assert len(withheld) == 2, "the latest release's audit and the next one's withholding, per table"


def test_funders_never_reach_the_publish_panel(moved, monkeypatch):
    path, *_ = moved
    monkeypatch.setenv("ANALYTICS_DB", str(path))
    monkeypatch.setattr(auth, "viewer", lambda: auth.Viewer(FUNDER, "signed_in", "grants@examplefoundation.org"))
    at = run_app()
    assert errors(at) == []
    assert not [b for b in at.button if b.label in ("Publish for funders", "Preview the next release")]
    assert "data" not in {p.url_path for p in visible_pages(FUNDER)}  # the Data page is not theirs
