"""Real tools' exports (tests/fixtures/exports) load exactly with no mapping file.

Each layout's first export loads with ``--accept-mapping`` (which saves it as a
layout), the next export of the same layout with no option at all, read as that
layout. The expected figures were worked out by hand from the files (see the
README there) and are kept one row per layout in ``fixtures/exports_expected_loads.csv``:
rows read = loaded + rejected + skipped footer lines, always.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import NamedTuple

import pytest

from analytics import warehouse
from analytics.cli import main

EXPORTS = Path(__file__).parent / "fixtures" / "exports"
BASE = ("schools.csv", "google_sheets_catalog_2018.csv")


class Layout(NamedTuple):
    """One tool layout's two exports and what loading each gives, from ``exports_expected_loads.csv``."""

    first: str
    second: str
    kind: str
    name: str  # the saved layout's name
    first_counts: tuple[int, int, int, int]  # (read, loaded, rejected, skipped lines)
    second_counts: tuple[int, int, int, int]
    term_source: str  # where the first export's term came from


COUNTS = ("read", "loaded", "rejected", "skipped")


def _layouts(path: Path) -> dict[str, Layout]:
    """The hand-worked figures, one row per layout (the same as the table in the exports' README)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            row["layout"]: Layout(
                row["first_file"],
                row["second_file"],
                row["kind"],
                row["saved_layout"],
                tuple(int(row[f"first_{c}"]) for c in COUNTS),
                tuple(int(row[f"second_{c}"]) for c in COUNTS),
                row["first_term_source"],
            )
            for row in csv.DictReader(handle)
        }


LAYOUTS = _layouts(Path(__file__).parent / "fixtures" / "exports_expected_loads.csv")


def _ingest(db: Path, capsys, *files: str, options: tuple[str, ...] = ()) -> list[dict]:
    code = main(["ingest", "--db", str(db), "--json", *options, *(str(EXPORTS / f) for f in files)])
    out = capsys.readouterr()
    assert code == 0, out.err
    return json.loads(out.out)


def _counts(result: dict) -> tuple[int, int, int, int]:
    return (result["rows_read"], result["loaded"], result["rejected"], result["skipped_lines"])


def test_every_export_of_the_folder_has_its_expected_figures():
    files = {p.name for p in EXPORTS.iterdir() if p.suffix in (".csv", ".xlsx")} - {"schools.csv"}
    assert files == {name for layout in LAYOUTS.values() for name in (layout.first, layout.second)}
    assert len(LAYOUTS) == 9


@pytest.fixture
def base(db_path, capsys):
    """A warehouse holding the schools list and the 2018 catalog, taken with --accept-mapping."""
    results = _ingest(db_path, capsys, *BASE, options=("--accept-mapping",))
    assert [_counts(r) for r in results] == [(5, 5, 0, 0), (9, 7, 0, 2)]
    return db_path


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_first_export_with_accept_mapping_then_the_next_with_no_option(base, capsys, layout):
    first, second, kind, name, first_counts, second_counts, term_source = LAYOUTS[layout]
    if first in BASE:  # the catalog is in the base: its layout is saved already
        (result,) = _ingest(base, capsys, second)
        assert (result["kind"], result["layout"], _counts(result)) == (kind, name, second_counts)
        return
    (result,) = _ingest(base, capsys, first, options=("--accept-mapping",))
    assert result["kind"] == kind and result["term_source"] == term_source
    assert _counts(result) == first_counts
    assert result["rows_read"] == result["loaded"] + result["rejected"] + result["skipped_lines"]
    saved = result["saved_layout"]
    assert saved.startswith(name)  # "Eventbrite registrations", or "... 2" for a second layout of one tool
    (again,) = _ingest(base, capsys, second)  # no option at all
    assert again["layout"] == saved and again["decisions"] == [] and again["saved_layout"] is None
    assert (again["kind"], _counts(again)) == (kind, second_counts)
    assert again["rows_read"] == again["loaded"] + again["rejected"] + again["skipped_lines"]


def _query(db: Path, sql: str, parameters: list | None = None) -> list[tuple]:
    con = warehouse.connect(db)
    try:
        return con.execute(sql, parameters).fetchall()
    finally:
        con.close()


def test_catalog_values(base):
    rows = _query(
        base,
        "select course_code, course_title, term, category, sessions, start_date::varchar from courses order by 1",
    )
    by_code = {r[0]: r for r in rows}
    assert len(rows) == 7
    assert by_code["BEC-18S-03"] == (
        "BEC-18S-03",
        "Project-Based Science",
        "Spring 2018",
        "rigorous_curricula",
        5,
        "2018-01-24",
    )
    assert by_code["BEC-18F-03"][-1] is None  # "TBA": left blank with a warning, the course loaded
    leaders = _query(base, "select person_id from course_staff where course_id like '%BEC-18S-04' order by 1")
    assert leaders == [("lbrown@beaconprep.org",), ("tnguyen@bps.org",)]
    assert _query(base, "select line_no, column_name from import_warnings") == [(11, "start_date")]


def test_google_forms_values(base, capsys):
    _ingest(base, capsys, LAYOUTS["google_forms"].first, options=("--accept-mapping",))
    rows = _query(base, "select email, term, sector, registered_at::varchar, grade_band from enrollments order by 1")
    assert rows[0] == ("dwright@bps.org", "Spring 2018", "district", "2018-01-10 19:45:31", "3-5")
    by_email = {r[0]: r for r in rows}
    assert by_email["lortiz@bps.org"][3] == "2018-01-08 12:30:42"  # 12:30:42 PM EST, wall-clock time kept
    assert by_email["mobrien@stjohnschool.org"][2] == "catholic"  # blank sector: the schools list's
    assert by_email["sgarcia@beaconprep.org"][2] == "independent"
    (reason,) = _query(base, "select line_no, column_name, reason from rejected_rows where batch_id = 3")
    assert reason == (7, "course_title", "course 'Intro to Robotics' is not in the catalog for Spring 2018")


def test_eventbrite_is_registrations_not_schools(base, capsys):
    (result,) = _ingest(base, capsys, LAYOUTS["eventbrite_attendees"].first, options=("--accept-mapping",))
    assert result["kind"] == "enrollments"
    assert result["mapping"]["Ticket Type"]["to"] == "course_title"
    assert "Spring 2018 catalog" in result["mapping"]["Ticket Type"]["evidence"]
    assert {"Order #", "Attendee #", "Quantity", "Total Paid"} <= set(result["ignored"])
    statuses = dict(_query(base, "select email, status from enrollments"))
    assert statuses == {
        "areyes@bps.org": "enrolled",  # Attending
        "smurphy@stjohnschool.org": "enrolled",  # Checked In
        "gkim@matchschool.org": "withdrawn",  # Not Attending
        "mlopez@bps.org": "enrolled",
        "nhaddad@beaconprep.org": "enrolled",
    }
    assert _query(base, "select count(*) from schools") == [(5,)]  # no "schools" were written


def test_eventbrite_orders_event_name_yields_to_ticket_type(base, capsys):
    (result,) = _ingest(base, capsys, LAYOUTS["eventbrite_orders"].first, options=("--accept-mapping",))
    assert result["mapping"]["Event Name"]["to"] is None
    assert "0 of 4 values are course titles" in result["mapping"]["Event Name"]["evidence"]
    assert dict(_query(base, "select email, status from enrollments"))["lfischer@beaconprep.org"] == "withdrawn"


def test_microsoft_forms_anonymous_email_column_gives_way(base, capsys):
    (result,) = _ingest(base, capsys, LAYOUTS["microsoft_forms"].first, options=("--accept-mapping",))
    assert result["mapping"]["Email"]["to"] is None
    assert result["mapping"]["Your school email address"]["to"] == "email"
    rows = _query(
        base, "select person_id, rating, recommend, implement, lead_interest from survey_responses order by 1"
    )
    assert rows == [
        ("dwright@bps.org", 3, 6, 3, "no"),  # Neutral = 3
        ("jchen@matchschool.org", 4, 8, 4, "maybe"),
        ("lortiz@bps.org", 5, 9, 5, "yes"),
        ("mobrien@stjohnschool.org", 2, 4, 2, "no"),
    ]


def test_microsoft_forms_mapping_file_beats_the_synonym(base, capsys, tmp_path):
    mapping = tmp_path / "forms.toml"
    mapping.write_text('[columns]\n"Your school email address" = "email"\n', encoding="utf-8")
    # the mapping file settles the email; the term still comes from a proposal, so it is confirmed
    (result,) = _ingest(
        base, capsys, LAYOUTS["microsoft_forms"].first, options=("--mapping", str(mapping), "--term", "Spring 2018")
    )
    assert (result["loaded"], result["rejected"]) == (4, 0)
    assert result["mapping"]["Your school email address"]["source"] == "mapping"
    assert result["term_source"] == "--term"
    assert _query(base, "select count(*) from survey_responses where person_id = 'anonymous'") == [(0,)]


def test_surveymonkey_and_qualtrics_scales(base, capsys):
    _ingest(
        base, capsys, "surveymonkey_spring_2018.csv", "qualtrics_survey_spring_2018.csv", options=("--accept-mapping",)
    )
    rows = _query(
        base,
        "select b.file_name, coalesce(r.person_id, '-'), r.rating, r.recommend, r.implement, r.lead_interest "
        "from survey_responses as r join import_batches as b using (batch_id) order by 1, 2",
    )
    assert rows == [
        ("qualtrics_survey_spring_2018.csv", "areyes@bps.org", 5, 9, 4, None),  # Excellent, Somewhat agree
        ("qualtrics_survey_spring_2018.csv", "gkim@matchschool.org", 2, 4, 2, None),  # Fair, Somewhat disagree
        ("qualtrics_survey_spring_2018.csv", "mlopez@bps.org", 4, 10, 4, None),  # Very good, Agree
        ("qualtrics_survey_spring_2018.csv", "smurphy@stjohnschool.org", 3, 7, 5, None),  # Good, Strongly agree
        ("surveymonkey_spring_2018.csv", "-", 3, 5, 3, "no"),  # anonymous: Neither ... nor ...
        ("surveymonkey_spring_2018.csv", "dwright@bps.org", 1, 0, 2, "no"),  # 0 - Not at all likely, Not now
        ("surveymonkey_spring_2018.csv", "jchen@matchschool.org", 4, 8, 4, "maybe"),  # Not sure
        ("surveymonkey_spring_2018.csv", "lortiz@bps.org", 5, 10, 5, "yes"),  # Yes, I'd like to lead
    ]


def test_salesforce_footer_is_skipped_not_rejected(base, capsys):
    (result,) = _ingest(base, capsys, LAYOUTS["salesforce"].first, options=("--accept-mapping",))
    assert [s["text"] for s in result["skipped_texts"]] == [
        "Grand Totals (5 records)",
        "Confidential Information - Do Not Distribute",
        "Copyright (c) 2000-2018 salesforce.com, inc. All rights reserved.",
    ]
    assert result["rejected"] == 0 and _query(base, "select count(*) from rejected_rows") == [(0,)]
    assert _query(base, "select skipped_lines from import_batches where file_name like 'salesforce%'") == [(3,)]
    statuses = dict(_query(base, "select email, status || '/' || sector from enrollments"))
    assert statuses["tquinn@bps.org"] == "withdrawn/district"  # No Show, Public
    assert statuses["mlin@beaconprep.org"] == "enrolled/independent"  # Attended, Private


def test_airtable_linked_records_are_several_leaders(base, capsys):
    _ingest(base, capsys, LAYOUTS["airtable"].first, options=("--accept-mapping",))
    staff = _query(
        base,
        "select c.course_title, s.role, count(*) from course_staff as s join courses as c using (course_id) "
        "where c.term = ? group by all order by all",
        ["Spring 2019"],
    )
    assert staff == [
        ("Identity and Belonging", "leader", 3),
        ("Identity and Belonging", "mentor", 1),
        ("Inquiry in the Elementary Classroom", "leader", 2),
        ("Inquiry in the Elementary Classroom", "mentor", 1),
        ("Language-Rich Math", "leader", 1),
    ]
