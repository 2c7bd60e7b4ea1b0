"""Proposals, refusals, saved layouts, precedence and the one-transaction command, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analytics import warehouse
from analytics.cli import main
from analytics.errors import ImportFileError
from analytics.ingest import ingest_files, undo_batch

EXPORTS = Path(__file__).parent / "fixtures" / "exports"
CATALOG = EXPORTS / "google_sheets_catalog_2018.csv"
EVENTBRITE = EXPORTS / "eventbrite_attendees_spring_2018.csv"


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def _count(db: Path, sql: str):
    con = warehouse.connect(db)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def _with_catalog(db: Path, capsys) -> None:
    assert _run(capsys, "ingest", "--db", db, "--accept-mapping", EXPORTS / "schools.csv", CATALOG)[0] == 0


def test_dry_run_json_shows_the_proposal(db_path, capsys):
    _with_catalog(db_path, capsys)
    code, out, _ = _run(capsys, "ingest", "--db", db_path, "--dry-run", "--json", EVENTBRITE)
    assert code == 0
    (result,) = json.loads(out)
    ticket = result["mapping"]["Ticket Type"]
    assert ticket["to"] == "course_title" and ticket["confidence"] >= 0.9
    assert ticket["evidence"].startswith("5 of 5 values are course titles of the Spring 2018 catalog")
    assert result["mapping"]["Email"] == {
        "to": "email",
        "evidence": "'Email' is a known header for email",
        "confidence": 0.99,
        "source": "synonym",
    }
    assert (result["term"], result["term_source"]) == ("Spring 2018", "catalog")
    assert "Order #" in result["ignored"] and result["skipped_lines"] == 0
    assert result["batch_id"] is None and _count(db_path, "select count(*) from enrollments") == 0


def test_a_file_needing_a_decision_is_refused_with_the_proposal(db_path, capsys):
    _with_catalog(db_path, capsys)
    before = _count(db_path, "select count(*) from import_batches")
    code, _, err = _run(capsys, "ingest", "--db", db_path, EXPORTS / "schools.csv", EVENTBRITE)
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert err.startswith("error: eventbrite_attendees_spring_2018.csv: needs a decision")
    assert "'Ticket Type' read as course_title" in err and "term Spring 2018" in err
    assert "--accept-mapping" in err and "Data page" in err
    assert _count(db_path, "select count(*) from import_batches") == before  # nothing of the command written


def test_layouts_list_and_remove(db_path, capsys):
    _with_catalog(db_path, capsys)
    assert _run(capsys, "ingest", "--db", db_path, "--accept-mapping", EVENTBRITE)[0] == 0
    code, out, _ = _run(capsys, "layouts", "--db", db_path, "--json")
    names = [row["name"] for row in json.loads(out)]
    assert code == 0 and names == ["Spreadsheet schools list", "Spreadsheet catalog", "Eventbrite registrations"]
    code, out, _ = _run(capsys, "layouts", "--db", db_path)
    assert "Ticket Type -> course_title" in out and "Order # -> ignore" in out
    assert _run(capsys, "layouts", "remove", "Eventbrite registrations", "--db", db_path)[0] == 0
    fall = EXPORTS / "eventbrite_attendees_fall_2018.csv"
    code, _, err = _run(capsys, "ingest", "--db", db_path, fall)  # proposed again, not read silently
    assert code == 2 and "needs a decision" in err
    code, _, err = _run(capsys, "layouts", "remove", "nope", "--db", db_path)
    assert code == 2 and "no saved layout 'nope'" in err


def test_mapping_file_beats_saved_layout(db_path, capsys, tmp_path):
    _with_catalog(db_path, capsys)
    assert _run(capsys, "ingest", "--db", db_path, "--accept-mapping", EVENTBRITE)[0] == 0
    mapping = tmp_path / "m.toml"
    mapping.write_text('[columns]\n"Job Title" = "subject"\n[statuses]\n"Attending" = "waitlisted"\n', "utf-8")
    fall = EXPORTS / "eventbrite_attendees_fall_2018.csv"
    code, out, _ = _run(capsys, "ingest", "--db", db_path, "--json", "--mapping", mapping, fall)
    (result,) = json.loads(out)
    assert code == 0 and result["layout"] == "Eventbrite registrations"
    assert result["mapping"]["Job Title"]["source"] == "mapping"
    con = warehouse.connect(db_path)
    try:
        rows = con.execute("select email, subject, role, status from enrollments where term = 'Fall 2018'").fetchall()
    finally:
        con.close()
    assert ("tgrant@bps.org", "Paraprofessional", None, "waitlisted") in rows


def test_term_option_and_term_refusal(db_path, capsys, tmp_path):
    _with_catalog(db_path, capsys)
    # a course offered in two terms: the catalog cannot say which, the dates are not there either
    both = tmp_path / "both.csv"
    both.write_text("Email,Name,Course\na@b.org,A B,BEC-18S-01\nc@d.org,C D,BEC-18F-01\n", encoding="utf-8")
    code, _, err = _run(capsys, "ingest", "--db", db_path, "--accept-mapping", both)
    assert code == 2 and "offered in several terms (Spring 2018, Fall 2018)" in err and "--term" in err
    code, out, _ = _run(capsys, "ingest", "--db", db_path, "--json", "--accept-mapping", "--term", "SP18", EVENTBRITE)
    (result,) = json.loads(out)
    assert code == 0 and (result["term"], result["term_source"], result["loaded"]) == ("Spring 2018", "--term", 5)


def test_registration_dates_give_the_term(con, tmp_path):
    catalog = tmp_path / "c.csv"
    catalog.write_text(
        "Term,Course,Strand,Leader Email\nSpring 2018,Math Circle,Rigorous,a@x.org\nFall 2018,Math Circle,Rigorous,a@x.org\n",
        encoding="utf-8",
    )
    ingest_files(con, [catalog])
    # the catalog offers Math Circle in two terms; the January registration dates settle it
    path = tmp_path / "r.csv"
    path.write_text(
        "Registered,Email,Name,Course\n1/3/2018 9:00,a@b.org,A B,Math Circle\n1/20/2018 10:30,c@d.org,C D,Math Circle\n",
        encoding="utf-8",
    )
    (result,) = ingest_files(con, [path], accept_mapping=True)
    assert (result.term, result.term_source, result.loaded) == ("Spring 2018", "catalog and registration dates", 2)
    # no course of the catalog: the dates alone (August: Fall's registration window)
    dates_only = tmp_path / "d.csv"
    dates_only.write_text("Registered,Email,Name,Course\n8/3/2018 9:00,e@f.org,E F,Chess Club\n", "utf-8")
    (result,) = ingest_files(con, [dates_only], accept_mapping=True)
    assert (result.term, result.term_source) == ("Fall 2018", "registration dates")
    assert result.rejects[0]["reason"] == "course 'Chess Club' is not in the catalog for Fall 2018"


def test_unreadable_optional_date_is_blanked_with_a_warning(con, tmp_path):
    ingest_files(con, [CATALOG], accept_mapping=True)
    path = tmp_path / "e.csv"
    path.write_text(
        "term,course_code,email,full_name,registered_at\n"
        "Spring 2018,BEC-18S-01,a@b.org,A B,sometime in January\n"
        "Spring 2018,BEC-18S-02,c@d.org,C D,43108.5\n",
        encoding="utf-8",
    )
    (result,) = ingest_files(con, [path])
    assert (result.loaded, result.rejected, result.warnings) == (2, 0, 1)
    assert result.first_warnings == [
        {"line": 2, "column": "registered_at", "warning": "'sometime in January' is not a date and time; left blank"}
    ]
    rows = con.execute("select email, registered_at::varchar from enrollments order by 1").fetchall()
    assert rows == [("a@b.org", None), ("c@d.org", "2018-01-08 12:00:00")]  # an Excel serial date
    count = "select count(*) from import_warnings where batch_id = $b"
    assert con.execute(count, {"b": result.batch_id}).fetchone()[0] == 1
    undo_batch(con, result.batch_id)
    assert con.execute(count, {"b": result.batch_id}).fetchone()[0] == 0


def test_unknown_headers_name_the_candidates(con, tmp_path):
    path = tmp_path / "q.csv"
    path.write_text("Q1,Q2,Q3\nhello,there,friend\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as raised:
        ingest_files(con, [path])
    message = str(raised.value)
    assert message.startswith("q.csv: not a recognisable export") and "headers found: 'Q1', 'Q2', 'Q3'" in message


def test_one_command_is_one_transaction(con, tmp_path):
    """A refused third file leaves the first two unwritten too; each loaded file is still its own batch."""
    plain_catalog = Path(__file__).parent / "fixtures" / "ingest" / "catalog.csv"
    good = tmp_path / "s.csv"
    good.write_text("school,sector\nA School,charter\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="eventbrite_attendees_spring_2018.csv: "):
        ingest_files(con, [plain_catalog, good, EVENTBRITE])
    assert con.execute("select count(*) from import_batches").fetchone()[0] == 0
    assert con.execute("select count(*) from schools").fetchone()[0] == 0
    results = ingest_files(con, [plain_catalog, good])
    assert [r.kind for r in results] == ["schools", "courses"]
    assert len({r.batch_id for r in results}) == 2
    courses = con.execute("select * from courses order by all").fetchall()
    undo_batch(con, results[0].batch_id)  # each file undoable alone
    assert con.execute("select count(*) from schools").fetchone()[0] == 0
    assert con.execute("select * from courses order by all").fetchall() == courses


def test_a_tools_own_status_words_are_proposed_and_kept_in_the_layout(con, tmp_path):
    ingest_files(con, [CATALOG], accept_mapping=True)
    header = "term,course_code,email,full_name,status\n"
    first = tmp_path / "first.csv"
    first.write_text(
        header + "Spring 2018,BEC-18S-01,a@b.org,A B,Cancelled by attendee\n"
        "Spring 2018,BEC-18S-02,c@d.org,C D,Transferred\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFileError, match="status 'Cancelled by attendee' read as withdrawn"):
        ingest_files(con, [first])
    (result,) = ingest_files(con, [first], accept_mapping=True)
    assert (result.loaded, result.rejected) == (1, 1)  # 'Transferred' says nothing known: rejected, with its reason
    assert result.rejects[0]["reason"] == "status 'Transferred' is not enrolled, completed, withdrawn or waitlisted"
    second = tmp_path / "second.csv"
    second.write_text(header + "Spring 2018,BEC-18S-03,e@f.org,E F,Cancelled by attendee\n", encoding="utf-8")
    (again,) = ingest_files(con, [second])  # the layout knows the word now
    assert again.layout == result.saved_layout and again.loaded == 1
    assert con.execute("select status from enrollments where email = 'e@f.org'").fetchone() == ("withdrawn",)
