"""The Data page's mapping form through the real frame: upload, adjust a column, import, the layout reused."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import errors, open_page, run_app

from analytics import warehouse
from analytics.ingest import ingest_files
from ui import imports

EXPORTS = Path(__file__).parent / "fixtures" / "exports"


@pytest.fixture(autouse=True)
def with_catalog(tmp_path, monkeypatch):
    path = tmp_path / "warehouse.duckdb"
    monkeypatch.setenv("ANALYTICS_DB", str(path))
    con = warehouse.connect(path)
    try:
        ingest_files(con, [EXPORTS / "schools.csv", EXPORTS / "google_sheets_catalog_2018.csv"], accept_mapping=True)
    finally:
        con.close()
    return path


def _upload(at, *names: str):
    files = [(name, (EXPORTS / name).read_bytes(), "text/csv") for name in names]
    return at.get("file_uploader")[0].set_value(files).run()


def _select(at, label: str):
    matches = [s for s in at.selectbox if s.label == label]
    assert matches, f"no selectbox {label!r}: {[s.label for s in at.selectbox]}"
    return matches[0]


def _would(at) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("With these choices"))


def _button(at, label: str):
    matches = [b for b in at.button if b.label == label]
    assert matches, f"no button {label!r}: {[b.label for b in at.button]}"
    return matches[0]


def _query(sql: str):
    with imports.cursor() as cur:
        return cur.execute(sql).fetchall()


def test_form_adjust_import_then_the_layout_is_reused():
    at = _upload(open_page(run_app(), "data"), "eventbrite_attendees_spring_2018.csv")
    assert errors(at) == []
    assert any(h.value.startswith("New layout: eventbrite") for h in at.subheader)
    # each column with its proposal pre-selected, the evidence and sample values
    assert _select(at, "Ticket Type").value == "course_title"
    assert _select(at, "Order #").value == "ignore"
    captions = " ".join(c.value for c in at.caption)
    assert "5 of 5 values are course titles of the Spring 2018 catalog" in captions
    assert "Trauma-Informed Teaching, Project-Based Science, Supporting English Learners" in captions.replace("\\", "")
    assert "would load **5** of 5 rows; **0** would be rejected" in _would(at)
    assert _button(at, "Import 0 files").disabled  # the form's Import confirms it, not the general button

    # the rejected rows follow the choices
    at = _select(at, "Ticket Type").set_value("course_code").run()  # titles are no course codes
    assert "**5** would be rejected" in _would(at)
    at = _select(at, "Attendee Status").set_value("status").run()
    at = _select(at, "Ticket Type").set_value("course_title").run()
    at = _select(at, "Job Title").set_value("subject").run()  # adjust one column
    assert "**0** would be rejected" in _would(at)

    _button(at, "Import").click().run()
    assert errors(at) == []
    assert any("Imported" in s.value for s in at.success)
    rows = _query("select email, subject, role, term from enrollments order by 1")
    assert ("gkim@matchschool.org", "ESL Teacher", None, "Spring 2018") in rows and len(rows) == 5
    assert _query("select name, kind from import_layouts where name like 'Eventbrite%'") == [
        ("Eventbrite registrations", "enrollments")
    ]

    # the next export of this layout: no form, read as the saved layout
    at = _upload(at, "eventbrite_attendees_fall_2018.csv")
    assert errors(at) == []
    assert not any(h.value.startswith("New layout") for h in at.subheader)
    assert any("read as your **Eventbrite registrations** layout" in i.value for i in at.info)
    _button(at, "Import 1 file").click().run()
    assert errors(at) == []
    fall = _query("select count(*), min(subject) from enrollments where term = 'Fall 2018'")
    assert fall == [(3, "ESL Teacher")]  # the adjusted column, reused


def test_one_form_per_new_layout(with_catalog):
    at = _upload(
        open_page(run_app(), "data"),
        "eventbrite_attendees_spring_2018.csv",
        "eventbrite_attendees_fall_2018.csv",  # same headers: the same form
        "salesforce_campaign_members_spring_2018.csv",
    )
    assert errors(at) == []
    forms = sorted(h.value.replace("\\", "") for h in at.subheader if h.value.startswith("New layout"))
    assert forms == [
        "New layout: eventbrite_attendees_spring_2018.csv, eventbrite_attendees_fall_2018.csv",
        "New layout: salesforce_campaign_members_spring_2018.csv",
    ]
    _button(at, "Import 2 files").click().run()  # the Eventbrite form's button: both of its files
    assert errors(at) == []
    assert _query("select term, count(*) from enrollments group by 1 order by 1") == [
        ("Fall 2018", 3),
        ("Spring 2018", 5),
    ]


def test_a_file_whose_term_nobody_can_tell_asks_for_it(with_catalog):
    # codes of two terms and no dates: the catalog cannot say which term the file is
    both = b"Email,Name,Course\na@b.org,A B,BEC-18S-01\nc@d.org,C D,BEC-18F-01\n"
    at = open_page(run_app(), "data")
    at = at.get("file_uploader")[0].set_value([("two_terms.csv", both, "text/csv")]).run()
    assert any("offered in several terms" in e.value for e in at.error)
    box = next(t for t in at.text_input if t.label.startswith("Term of every row of two_terms.csv"))
    at = box.set_value("Spring 2018").run()
    assert errors(at) == []
    assert "would load **1** of 2 rows; **1** would be rejected" in _would(at)  # BEC-18F-01 is not a spring course
    _button(at, "Import").click().run()
    assert errors(at) == []
    assert _query("select email, term from enrollments") == [("a@b.org", "Spring 2018")]
