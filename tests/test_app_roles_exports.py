"""The Exports page, and what a funder sees, through the real frame."""

from __future__ import annotations

import duckdb
import pytest
from app_support import errors, open_numbers, open_page, run_app
from release_support import published_copy

from analytics.metrics import TABLES
from analytics.security import FUNDER
from ui import auth
from ui.navigation import PAGES


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory, sample_copy):
    """The sample warehouse and a sector/term with 1 to 9 participants (found before any app opens the file)."""
    # funders and the report read the latest release
    path = published_copy(tmp_path_factory, tmp_path_factory.mktemp("roles") / "warehouse.duckdb")
    con = duckdb.connect(str(path), read_only=True)
    try:
        small = con.execute(
            "select sector, term from enrollments where status in ('enrolled', 'completed') "
            "group by sector, term having count(distinct person_id) between 1 and 9 order by term, sector limit 1"
        ).fetchone()
    finally:
        con.close()
    assert small is not None, "the sample has no small group to withhold; choose another test filter"
    return path, {"sector": small[0], "term_from": small[1], "term_to": small[1]}


@pytest.fixture(autouse=True)
def sample(sample_build, monkeypatch):
    monkeypatch.setenv("ANALYTICS_DB", str(sample_build[0]))


@pytest.fixture
def funder(monkeypatch):
    """A signed-in funder (what ui.auth decides from the access lists once sign-in is configured)."""
    monkeypatch.setattr(auth, "viewer", lambda: auth.Viewer(FUNDER, "signed_in", "funder@example.org"))


def test_the_exports_page_offers_every_table_in_every_format():
    at = open_page(run_app(), "exports")
    assert errors(at) == []
    table = at.selectbox(key="exports_table")
    assert len(table.options) == len(TABLES)
    for fmt, extension in (("csv", ".csv"), ("xlsx", ".xlsx"), ("json", ".json")):
        at.radio(key="exports_format").set_value(fmt).run()
        labels = [b.proto.label for b in at.get("download_button")]
        assert any(label.startswith("Download participation_by_term") and label.endswith(extension) for label in labels)
    table.set_value("cohort_retention").run()
    assert any("cohort_retention" in b.proto.label for b in at.get("download_button"))
    # the workbook is built on request (it computes every table)
    assert not any("collaborative_tables" in b.proto.label for b in at.get("download_button"))
    [prepare] = [b for b in at.button if b.label == "Prepare the workbook"]
    prepare.click().run()
    assert errors(at) == []
    assert any("collaborative_tables" in b.proto.label for b in at.get("download_button"))
    # a workbook made for other filters is not offered as this view's
    at.sidebar.multiselect(key="flt_sectors").set_value(["charter"]).run()
    assert not any("collaborative_tables" in b.proto.label for b in at.get("download_button"))


def test_the_report_is_built_with_progress_then_offered(sample_build):
    at = open_page(run_app(), "exports")
    [build] = [b for b in at.button if b.label == "Build the report"]
    build.click().run()
    assert errors(at) == []
    assert any(p.proto.text == "Report ready" for p in at.get("progress"))
    labels = [b.proto.label for b in at.get("download_button")]
    assert any(label.startswith("Download collaborative_report_") and label.endswith(".html") for label in labels)
    assert any(label.startswith("Download collaborative_report_") and label.endswith("_a4.pdf") for label in labels)
    # another paper size is another file: built again on request, never offered under the wrong name
    [paper] = [r for r in at.radio if r.label == "PDF paper size"]
    paper.set_value("letter").run()
    assert not any(b.proto.label.endswith(".pdf") for b in at.get("download_button"))


def test_exports_file_names_follow_the_filters():
    at = open_page(run_app({"sector": "charter"}), "exports")
    labels = [b.proto.label for b in at.get("download_button")]
    assert any("charter" in label for label in labels)


def test_a_funder_sees_only_the_funder_pages(funder):
    at = run_app()
    assert errors(at) == []
    offered = {info.get("url_pathname") for info in at._registered_pages.values()}
    assert offered == {p.address for p in PAGES if not p.coordinators_only}
    assert "people" not in offered and "data" not in offered
    with pytest.raises(ValueError):
        at.switch_page("pages/people.py")


def test_a_coordinator_sees_small_counts(sample_build):
    at = run_app(sample_build[1])
    participants = {m.label: m.value for m in at.metric}["Participants"]
    assert 1 <= int(participants) <= 9
    assert not any("withheld" in c.value for c in at.caption)


def test_a_funder_sees_small_counts_withheld(funder, sample_build):
    at = run_app(sample_build[1])
    assert errors(at) == []
    assert {m.label: m.value for m in at.metric}["Participants"] == "withheld"  # a withheld headline says so
    assert any("withheld" in c.value for c in at.caption)
    # the table behind the chart is withheld too, not only the headline
    at = open_numbers(open_page(at, "growth"))
    assert errors(at) == []
    frames = [d.value for d in at.dataframe]
    assert frames and frames[0]["participants"].isna().all()


def test_a_funder_sees_small_counts_withheld_in_the_dashboards_own_tables_too(funder):
    at = open_numbers(open_page(run_app(), "returning"))
    assert errors(at) == []
    per_person = next(d.value for d in at.dataframe if "courses_taken" in d.value.columns)
    people = per_person["people"]
    assert people.isna().any(), "the sample has people who took many courses; so few must be withheld"
    assert not people.between(1, 9).any()


def test_the_role_is_decided_once_per_run_however_many_tables_a_page_reads(monkeypatch):
    asked = []

    def counting_viewer():
        asked.append(1)
        return auth.Viewer(FUNDER, "signed_in", "funder@example.org")

    monkeypatch.setattr(auth, "viewer", counting_viewer)
    at = run_app()  # the Overview: three tables, the headline numbers, the withheld note
    assert errors(at) == []
    assert len(asked) == 1
    asked.clear()
    open_page(at, "growth")  # one more run: the role is decided again, once
    assert errors(at) == []
    assert len(asked) == 1
    assert any("are withheld" in str(c.value) for c in [*at.caption, *at.markdown, *at.info])  # the funder role held


def test_ui_role_and_ui_auth_import_in_one_direction_only():
    import ast
    from pathlib import Path

    role_source = Path(auth.__file__).with_name("role.py").read_text(encoding="utf-8")
    imported = {
        alias.name if isinstance(node, ast.Import) else f"{node.module}.{alias.name}"
        for node in ast.walk(ast.parse(role_source))
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert not any("auth" in name for name in imported), imported
