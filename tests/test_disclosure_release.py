"""Releases: stored immutably, read back as the live tables' shapes, refused when the audit fails."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analytics import cli
from analytics.disclosure import (
    VIEWS,
    audit_release,
    get_release,
    latest_release,
    list_releases,
    nearest_view,
    preview,
    publish,
    view_for,
)
from analytics.disclosure.tables import RELEASE_TABLES
from analytics.errors import AnalyticsError
from analytics.filters import Filters
from tests.disclosure_support import build_town

K, P = 5, 3


@pytest.fixture
def town(con):
    build_town(con, people=40)
    return con


def test_views_are_fixed_and_term_ranges_are_a_zoom():
    assert view_for(Filters()).id == "all"
    assert view_for(Filters.parse(sectors=["charter"], term_from="Fall 2018")).id == "sector:charter"
    assert view_for(Filters.parse(categories=["rigorous_curricula"])).id == "category:rigorous_curricula"
    assert view_for(Filters.parse(sectors=["charter", "district"])) is None
    assert nearest_view(Filters.parse(sectors=["charter", "district"])).id == "all"
    assert {v.id for v in VIEWS} >= {"all", "sector:independent", "category:other"}


def test_nothing_published_yet(con):
    assert latest_release(con) is None
    assert list_releases(con).empty
    with pytest.raises(AnalyticsError, match="no release 7"):
        get_release(con, 7)


def test_publish_stores_a_release_with_the_live_tables_shapes(town):
    from analytics.disclosure.tables import RELEASE_TABLES as TABLES

    release = publish(town, k=K, p=P)
    assert latest_release(town).id == release.id
    assert (release.k, release.p) == (K, P)
    listed = list_releases(town)
    assert listed["id"].tolist() == [release.id] and listed["audit"].tolist() == ["passed"]
    for view in release.views:
        for name in release.tables:
            table = TABLES[name]
            if not release.offers(name, view):
                continue
            frame = release.table(name, view)
            live = table.live(town, view.filters()) if table.live else None
            assert tuple(frame.columns) == table.columns
            mask = release.withheld(name, view)
            assert mask.shape == frame.shape
            if live is not None:
                assert len(frame) == len(live)
                for col in table.counts:
                    shown = frame[col][~mask[col]]
                    assert (shown.to_numpy() == live[col][~mask[col]].to_numpy()).all()
                    assert frame[col][mask[col]].isna().all()
                    assert not ((shown >= 1) & (shown < K)).any(), f"{name} {view.id} {col} shows a small count"


def test_school_counts_go_with_their_people_counts(town):
    release = publish(town, k=K, p=P)
    for view in release.views:
        mask = release.withheld("participation_by_term", view)
        assert (mask["schools"] | ~mask["participants"]).all()
        people = release.withheld("participation_by_sector", view)
        schools = release.table("schools_reached", view)
        withheld = release.withheld("schools_reached", view)
        by_row = dict(
            zip(
                release.table("participation_by_sector", view)[["term", "sector"]].apply(tuple, axis=1),
                people["participants"],
                strict=True,
            )
        )
        for key, held in zip(schools[["term", "sector"]].apply(tuple, axis=1), withheld["schools"], strict=True):
            if by_row.get(key):
                assert held


def test_term_zoom_keeps_rows_never_changes_numbers(town):
    release = publish(town, k=K, p=P)
    whole = release.table("participation_by_term", "all")
    zoomed = release.table("participation_by_term", "all", term_from="Spring 2019")
    assert zoomed["term"].tolist() == ["Spring 2019", "Fall 2019"]
    pd.testing.assert_frame_equal(zoomed, whole.iloc[1:].reset_index(drop=True))
    years = release.table("participation_by_year", "all", term_from="Fall 2019")
    assert years["school_year"].tolist() == ["2019-20"]


def test_course_mix_is_not_offered_under_one_sector(town):
    release = publish(town, k=K, p=P)
    assert not release.offers("course_mix", "sector:charter")
    with pytest.raises(AnalyticsError, match="course_mix"):
        release.table("course_mix", "sector:charter")


def test_a_release_whose_audit_fails_is_refused_and_nothing_is_stored(town, monkeypatch):
    import sys

    publishing = sys.modules["analytics.disclosure.publish"]

    def primary_only(model, k, p, progress=None):
        value = model.class_value
        return (model.class_kind != "c") & (value >= 1) & (value < k)

    monkeypatch.setattr(publishing, "protect", primary_only)
    with pytest.raises(AnalyticsError, match="would disclose"):
        publish(town, k=K, p=P)
    assert latest_release(town) is None


def test_releases_are_immutable_after_new_data(town):
    first = publish(town, k=K, p=P)
    before = first.table("participation_by_term", "all")
    from tests.builders import WarehouseBuilder

    w = WarehouseBuilder(town)
    for i in range(12):
        w.enroll(f"late{i}@x.org", "Fall 2019", "C20", sector="district")
    second = publish(town, k=K, p=P)
    assert second.id > first.id
    pd.testing.assert_frame_equal(get_release(town, first.id).table("participation_by_term", "all"), before)
    assert audit_release(town, first.id).passed  # the stored model, not live data


def test_preview_reports_changes_since_the_latest(town):
    report = preview(town, k=K, p=P)
    assert report.passed and report.latest_id is None
    assert set(report.summary["table"]) == set(RELEASE_TABLES)
    publish(town, k=K, p=P)
    again = preview(town, k=K, p=P)
    assert again.changes["cells_changed"].sum() == 0


def test_commands_publish_list_and_audit(town, db_path, capsys):
    town.close()
    assert cli.main(["publish", "--db", str(db_path), "--k", str(K), "--p", str(P), "--json", "--quiet"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["passed"] and out["k"] == K
    assert cli.main(["releases", "--db", str(db_path)]) == 0
    assert "passed" in capsys.readouterr().out
    assert cli.main(["audit", "--db", str(db_path)]) == 0
    text = capsys.readouterr().out
    assert "participation_by_term" in text and "passed" in text
    assert cli.main(["audit", "--db", str(db_path), "--release", "99"]) == 2
    assert "no release 99" in capsys.readouterr().err


def test_audit_exits_1_on_a_disclosure(town, db_path, capsys):
    """Tamper with the stored release: show one withheld small count. The audit must say so."""
    release = publish(town, k=K, p=P)
    from analytics.disclosure.model import build_model

    model, _ = build_model(town)
    withheld = [
        c
        for (c,) in town.execute(
            "select class_no from release_classes where release_id = ? and withheld and shown", [release.id]
        ).fetchall()
        if 1 <= model.class_value[c] < K
    ]
    assert withheld
    town.execute(
        "update release_classes set withheld = false, value = ? where release_id = ? and class_no = ?",
        [int(model.class_value[withheld[0]]), release.id, withheld[0]],
    )
    town.close()
    assert cli.main(["audit", "--db", str(db_path)]) == 1
    assert "FAILED" in capsys.readouterr().out
