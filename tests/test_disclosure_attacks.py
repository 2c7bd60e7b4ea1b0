"""The issue's attacks, tried on a release: none of them gives back a withheld number."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics.disclosure import publish
from tests.disclosure_support import build_town

K, P = 5, 3


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    from analytics import warehouse

    con = warehouse.connect(tmp_path_factory.mktemp("town") / "w.duckdb")
    build_town(con, people=60)
    release = publish(con, k=K, p=P)
    yield con, release
    con.close()


def _lone_withheld(parts: pd.Series, total_withheld: bool) -> bool:
    """A total shown with exactly one of its parts withheld gives that part back."""
    return not total_withheld and int(parts.sum()) == 1


def test_sector_rows_cannot_be_subtracted_from_the_term(released):
    _, release = released
    total = release.withheld("participation_by_term", "all")
    terms = release.table("participation_by_term", "all")["term"]
    sectors = release.table("participation_by_sector", "all")
    held = release.withheld("participation_by_sector", "all")
    for i, term in enumerate(terms):
        rows = sectors["term"] == term
        for col in ("participants", "enrollments", "new_participants"):
            assert not _lone_withheld(held.loc[rows, col], bool(total.loc[i, col])), (term, col)


def test_a_sector_view_shows_what_the_sector_rows_show(released):
    """Spring 2017 independent = 71 - 18 - 13 - 37: the sector view's total is the all view's sector row."""
    _, release = released
    sectors = release.table("participation_by_sector", "all")
    held = release.withheld("participation_by_sector", "all")
    for sector in sectors["sector"].unique():
        view = release.table("participation_by_term", f"sector:{sector}")
        view_held = release.withheld("participation_by_term", f"sector:{sector}")
        for term, shown, withheld in zip(view["term"], view["participants"], view_held["participants"], strict=True):
            row = (sectors["term"] == term) & (sectors["sector"] == sector)
            assert bool(held.loc[row, "participants"].item()) == bool(withheld)
            if not withheld:
                assert sectors.loc[row, "participants"].item() == shown


def test_new_leaders_are_not_the_step_between_running_totals(released):
    _, release = released
    frame = release.table("leader_pipeline", "all")
    held = release.withheld("leader_pipeline", "all")
    for i in range(1, len(frame)):
        if held.loc[i, "new_leaders"]:
            assert held.loc[i, "cumulative_leaders"] or held.loc[i - 1, "cumulative_leaders"]


def test_course_rows_cannot_be_subtracted_from_the_term_enrollments(released):
    _, release = released
    courses = release.table("course_mix", "all")
    held = release.withheld("course_mix", "all")
    terms = release.table("participation_by_term", "all")
    total = release.withheld("participation_by_term", "all")
    for i, term in enumerate(terms["term"]):
        assert not _lone_withheld(held.loc[courses["term"] == term, "participants"], bool(total.loc[i, "enrollments"]))


def test_a_mixing_index_is_shown_only_where_every_sector_count_is_large(released):
    con, release = released
    from analytics.filters import Filters
    from analytics.metrics import compute

    courses = release.table("course_mix", "all")
    for sector in ("district", "charter", "catholic", "independent"):
        live = compute(con, "course_mix", Filters(sectors=(sector,)))
        small = set(live.loc[(live["participants"] >= 1) & (live["participants"] < K), "course_code"])
        shown = set(courses.loc[courses["mixing_index"].notna(), "course_code"])
        assert not small & shown, sector


def test_no_small_count_anywhere_in_the_release(released):
    _, release = released
    from analytics.disclosure.tables import RELEASE_TABLES

    for view_id, name in release.frame_names():
        frame = release.table(name, view_id)
        for col in RELEASE_TABLES[name].counts:
            values = frame[col].dropna()
            assert not ((values >= 1) & (values < K)).any(), (view_id, name, col)
