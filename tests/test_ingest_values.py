"""Values per docs/DATA.md#values: terms, sectors, strands, statuses, emails, scores, mapping files, leaders, rejects."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spellings import TERM_SPELLINGS

from analytics.errors import AnalyticsError
from analytics.ingest import ingest_files, rejected_rows

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
CATALOG = FIXTURES / "catalog.csv"
SCHOOLS = FIXTURES / "schools.csv"


def _csv(tmp_path: Path, name: str, lines: list[str]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("spelling", "label"), TERM_SPELLINGS)
def test_term_spellings(con, tmp_path, spelling, label):
    code = {"Spring 2017": "BEC-17S-01", "Fall 2018": "BEC-18F-01", "Summer 2019": "BEC-19U-01"}.get(
        label, "BEC-20W-01"
    )
    path = _csv(tmp_path, "e.csv", ["term,course_code,email,full_name", f"{spelling},{code},a@b.org,A B"])
    (_, result) = ingest_files(con, [CATALOG, path])
    assert result.loaded == 1
    assert con.execute("select term, term_order % 10 from enrollments").fetchone()[0] == label


def test_sector_synonyms_and_blank_sector_from_schools(con, tmp_path):
    lines = ["term,course_code,email,full_name,school,sector"]
    given = {
        "district": "Boston Public Schools (BPS)",
        "charter": "Commonwealth charter",
        "catholic": "archdiocese",
        "independent": "Private",
        "other": "homeschool coop",
    }
    for i, (_, spelling) in enumerate(given.items()):
        lines.append(f"Spring 2019,BEC-19S-01,p{i}@a.org,P {i},Nowhere,{spelling}")
    lines += [
        "Spring 2019,BEC-19S-01,s1@a.org,S One,saint  clare school,",  # case and spaces differ from schools.csv
        "Spring 2019,BEC-19S-01,s2@a.org,S Two,Unknown School,",
    ]
    ingest_files(con, [_csv(tmp_path, "e.csv", lines), CATALOG, SCHOOLS])
    sectors = dict(con.execute("select email, sector from enrollments").fetchall())
    assert [sectors[f"p{i}@a.org"] for i in range(5)] == list(given)
    assert sectors["s1@a.org"] == "catholic" and sectors["s2@a.org"] == "other"
    assert con.execute("select sector from schools where school_key = 'hale academy'").fetchone()[0] == "district"


def test_category_synonyms(con):
    ingest_files(con, [CATALOG])
    got = dict(con.execute("select course_code, category from courses").fetchall())
    assert got["BEC-19S-01"] == "all_learners" and got["BEC-17S-01"] == "all_learners"
    assert got["BEC-19S-02"] == "culturally_proficient" and got["BEC-20W-01"] == "culturally_proficient"
    assert got["BEC-19F-01"] == "rigorous_curricula" and got["BEC-18F-01"] == "rigorous_curricula"
    assert got["BEC-19U-01"] == "other"


def test_statuses_and_emails(con, tmp_path):
    lines = ["term,course_code,email,full_name,status"]
    spellings = ["Registered", "Finished", "dropped", "Waitlist", "", "maybe?"]
    lines += [f"Spring 2019,BEC-19S-01, P{i}@A.ORG ,P {i},{s}" for i, s in enumerate(spellings)]
    (_, result) = ingest_files(con, [CATALOG, _csv(tmp_path, "e.csv", lines)])
    got = dict(con.execute("select email, status from enrollments").fetchall())
    assert got == {
        "p0@a.org": "enrolled",
        "p1@a.org": "completed",
        "p2@a.org": "withdrawn",
        "p3@a.org": "waitlisted",
        "p4@a.org": "enrolled",
    }
    assert result.rejects == [
        {"line": 7, "column": "status", "reason": "status 'maybe?' is not enrolled, completed, withdrawn or waitlisted"}
    ]


def test_survey_scores_words_numbers_and_anonymous(con, tmp_path):
    lines = [
        "term,course_code,email,rating,recommend,implement,lead_interest",
        "Spring 2019,BEC-19S-01,a@b.org,Excellent,10 - Extremely likely,Strongly agree,Yes",
        "Spring 2019,BEC-19S-01,,2,0,1,no",
        "Spring 2019,BEC-19S-01,,2,0,1,no",  # a second anonymous person answering the same
        "Spring 2019,BEC-19S-01,c@b.org,6,5,3,",
        "Spring 2019,BEC-19S-01,d@b.org,3,11,3,",
        "Spring 2019,BEC-19S-01,e@b.org,3,5,Sometimes,",
        "Spring 2019,BEC-19S-01,f@b.org,3,5,3,perhaps later",
    ]
    (_, result) = ingest_files(con, [CATALOG, _csv(tmp_path, "s.csv", lines)])
    assert result.loaded == 3 and [r["column"] for r in result.rejects] == [
        "rating",
        "recommend",
        "implement",
        "lead_interest",
    ]
    rows = con.execute(
        "select person_id, rating, recommend, implement, lead_interest from survey_responses order by source_line"
    ).fetchall()
    assert rows == [("a@b.org", 5, 10, 5, "yes"), (None, 2, 0, 1, "no"), (None, 2, 0, 1, "no")]


def test_identical_answers_keep_their_numbers_in_a_later_export(con, tmp_path):
    header = "term,course_code,email,submitted_at,rating,recommend"
    same = "Spring 2019,BEC-19S-01,,,2,0"  # anonymous, no time: only the line order tells them apart
    named = "Spring 2019,BEC-19S-01,a@b.org,2019-05-01 10:00,4,9"
    first = _csv(tmp_path, "s1.csv", [header, same, named, same, named])
    (_, result) = ingest_files(con, [CATALOG, first])
    assert (result.loaded, result.inserted) == (4, 4)
    ids = con.execute("select response_id from survey_responses order by source_line").fetchall()
    assert len(set(ids)) == 4
    # the next export repeats every answer and adds one more of each, with a bad row among them
    later = _csv(tmp_path, "s2.csv", [header, same, named, same, "Spring 2019,BEC-19S-01,,,9,0", named, same, named])
    (result,) = ingest_files(con, [later])
    assert (result.loaded, result.rejected, result.inserted, result.unchanged) == (6, 1, 2, 4)
    assert con.execute("select count(*), count(distinct response_id) from survey_responses").fetchone() == (6, 6)
    stored = con.execute("select response_id, batch_id from survey_responses").fetchall()
    assert {i for (i,) in ids} <= {i for i, _ in stored}  # the first file's four are the same responses
    assert sorted(b for _, b in stored).count(max(b for _, b in stored)) == 2  # the later file owns its two new ones


def test_mapping_file(con, tmp_path):
    mapping = tmp_path / "map.toml"
    mapping.write_text(
        '[columns]\n"Participant Contact" = "email"\n"Cohort" = "term"\n'
        '[sectors]\n"Network school" = "charter"\n[categories]\n"Equity" = "culturally_proficient"\n',
        encoding="utf-8",
    )
    catalog = _csv(tmp_path, "c.csv", ["Cohort,Course ID,Strand,Leader Email", "Spring 2021,X-1,Equity,l@a.org"])
    enr = _csv(
        tmp_path,
        "e.csv",
        ["Cohort,Course ID,Participant Contact,Full Name,Sector", "Spring 2021,X-1,p@a.org,P Q,Network school"],
    )
    results = ingest_files(con, [enr, catalog], mapping=mapping)
    assert [(r.kind, r.loaded) for r in results] == [("courses", 1), ("enrollments", 1)]
    assert con.execute("select category from courses").fetchone()[0] == "culturally_proficient"
    assert con.execute("select sector from enrollments").fetchone()[0] == "charter"


def test_mapping_file_errors(con, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[columns]\n"Foo" = "not_a_column"\n', encoding="utf-8")
    with pytest.raises(AnalyticsError, match="not_a_column"):
        ingest_files(con, [CATALOG], mapping=bad)
    with pytest.raises(AnalyticsError, match="not found"):
        ingest_files(con, [CATALOG], mapping=tmp_path / "missing.toml")


def test_several_leaders_in_one_cell_one_row_per_leader_and_mentors(con):
    ingest_files(con, [CATALOG])
    staff = con.execute(
        "select c.course_code, s.role, s.person_id, s.name, s.sector from course_staff s "
        "join courses c using (course_id) where c.course_code in ('BEC-19S-01', 'BEC-19F-01') order by all"
    ).fetchall()
    assert staff == [
        ("BEC-19F-01", "leader", "lead1@a.org", "Ann Lead", "district"),
        ("BEC-19F-01", "leader", "lead4@d.org", "Dee Lead", "catholic"),
        ("BEC-19S-01", "leader", "lead1@a.org", "Ann Lead", "district"),
        ("BEC-19S-01", "leader", "lead2@b.org", "Bob Lead", "district"),
        ("BEC-19S-01", "mentor", "mentor@c.org", "Mo Mentor", None),
    ]
    assert con.execute("select count(*) from courses where course_code = 'BEC-19F-01'").fetchone()[0] == 1
    assert con.execute("select full_name from people where person_id = 'lead4@d.org'").fetchone()[0] == "Dee Lead"


def test_course_id_rule_and_match_by_title(con, tmp_path):
    catalog = _csv(
        tmp_path,
        "c.csv",
        ["term,course_title,category,leader_email", "Spring 2019,Number Talks,all learners,l@a.org"],
    )
    enr = _csv(tmp_path, "e.csv", ["term,course,email,full_name", "SP19,number talks,p@a.org,P Q"])
    ingest_files(con, [enr, catalog])
    assert con.execute("select course_id from courses").fetchone()[0] == "20192:t:number talks"
    assert con.execute("select course_id from enrollments").fetchone()[0] == "20192:t:number talks"


def test_rejected_rows_stored_with_line_column_reason_and_raw_row(con, tmp_path):
    lines = [
        "term,course_code,email,first_name,last_name",
        "Spring 2019,BEC-19S-01,,No,Email",
        "Spring 2019,BEC-19S-01,not-an-email,Bad,Email",
        "Spring 2019,BEC-19S-01,n@a.org,,",
        "Spring 2019,BEC-19S-09,c@a.org,Not,Listed",
        ",BEC-19S-01,t@a.org,No,Term",
        "Spring 2019,,t@a.org,No,Course",
        "Spring 2019,BEC-19S-01,ok@a.org,Ok,Fine",
    ]
    (_, result) = ingest_files(con, [CATALOG, _csv(tmp_path, "e.csv", lines)])
    assert (result.rows_read, result.loaded, result.rejected) == (7, 1, 6)
    frame = rejected_rows(con, result.batch_id)
    assert list(frame["line_no"]) == [2, 3, 4, 5, 6, 7]
    assert list(frame["column_name"]) == ["email", "email", "full_name", "course_code", "term", "course_code"]
    assert frame["reason"][3] == "course 'BEC-19S-09' is not in the catalog for Spring 2019"
    assert json.loads(frame["raw_row"][1]) == {
        "term": "Spring 2019",
        "course_code": "BEC-19S-01",
        "email": "not-an-email",
        "first_name": "Bad",
        "last_name": "Email",
    }
    assert set(frame["file_name"]) == {"e.csv"}


def test_same_person_and_course_twice_in_one_file(con, tmp_path):
    lines = [
        "term,course_code,email,full_name,status",
        "Spring 2019,BEC-19S-01,a@b.org,A B,enrolled",
        "Spring 2019,BEC-19S-01,A@B.org,A B,completed",
    ]
    (_, result) = ingest_files(con, [CATALOG, _csv(tmp_path, "e.csv", lines)])
    assert (result.loaded, result.rejected) == (1, 1)
    assert result.rejects[0]["line"] == 2 and "line 3" in result.rejects[0]["reason"]
    assert con.execute("select status from enrollments").fetchone()[0] == "completed"


_DATE_LAYOUTS = [
    "1/7/19 13:21",
    "01/07/19",
    "12/31/69 1:00 PM",
    "2/14/2018 9:03:11",
    "2/14/2018 9:03:11 AM",
    "2/14/2018 12:03 AM",
    "1/7/2019",
    "01/21/2030 07:04",
    "2018/01/08 12:30:42",
    "2018/01/08 01:30:42 PM",
    "2018/01/08 12:30:42 PM EST",
    "2019-01-08T07:00:00",
    "2019-1-8",
    "Jan 7, 2019 1:21 PM",
    "43466.5",
]


def test_registration_dates_of_every_layout_read_as_python_reads_them(con, tmp_path):
    """The SQL reader and the Python one agree on every layout (SQL once read 1/7/19 as the year 1)."""
    from analytics.ingest.dates import parse_datetime

    lines = ["registered_at,term,course_code,email,full_name"]
    lines += [f'"{text}",Spring 2019,BEC-19S-01,p{i}@b.org,P {i}' for i, text in enumerate(_DATE_LAYOUTS)]
    lines.append("infinity,Spring 2019,BEC-19S-01,inf@b.org,Inf B")
    ingest_files(con, [CATALOG, SCHOOLS, _csv(tmp_path, "dates.csv", lines)])
    stored = dict(con.execute("select email, registered_at from enrollments").fetchall())
    for i, text in enumerate(_DATE_LAYOUTS):
        assert parse_datetime(text) is not None, text
        assert stored[f"p{i}@b.org"] == parse_datetime(text), text
    assert stored["inf@b.org"] is None  # not a date: left blank (with a warning), not year 9999
