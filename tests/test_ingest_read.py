"""Reading exports: encodings, delimiters, workbooks, tool extra rows, header synonyms, whole-file errors."""

from __future__ import annotations

import time
from pathlib import Path

import openpyxl
import pytest

from analytics import ingest as ingest_module
from analytics import warehouse
from analytics.errors import ImportFileError
from analytics.ingest import ingest_files, preview_file
from analytics.ingest import stage as stage_module
from analytics.ingest.headers import detect_kind, map_headers

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
CATALOG = FIXTURES / "catalog.csv"
SCHOOLS = FIXTURES / "schools.csv"
HEADER = "term,course_code,email,first_name,last_name,school,sector,status"
ROWS = [
    "Spring 2019,BEC-19S-01,zoe@a.org,Zoë,Núñez,Hale Academy,,completed",
    "Spring 2019,BEC-19S-02,ann@b.org,Ann,O’Brien,Lenox Charter,charter,",
]


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _names(con) -> list[str]:
    return [r[0] for r in con.execute("select full_name from enrollments order by full_name desc").fetchall()]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_encodings_keep_accents(con, tmp_path, encoding):
    path = _write(tmp_path, "enr.csv", "\r\n".join([HEADER, *ROWS]) + "\r\n", encoding)
    (catalog, result) = ingest_files(con, [CATALOG, path])
    assert result.kind == "enrollments" and result.loaded == 2
    assert _names(con) == ["Zoë Núñez", "Ann O’Brien"]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiters(con, tmp_path, delimiter):
    lines = [line.replace(",", delimiter) for line in [HEADER, *ROWS]]
    path = _write(tmp_path, "enr.txt", "\n".join(lines) + "\n")
    results = ingest_files(con, [CATALOG, path])
    assert results[-1].loaded == 2


def test_quoted_fields_and_line_numbers_after_a_quoted_line_break(con, tmp_path):
    text = (
        "term,course_code,rating,comments\n"
        'Spring 2019,BEC-19S-01,5,"Great, really;\nsecond line"\n'
        "Spring 2019,BEC-19S-01,9,bad rating\n"
    )
    (_, result) = ingest_files(con, [CATALOG, _write(tmp_path, "s.csv", text)])
    assert result.loaded == 1 and result.rejected == 1
    assert result.rejects[0]["line"] == 4 and result.rejects[0]["column"] == "rating"
    assert con.execute("select comments from survey_responses").fetchone()[0] == "Great, really;\nsecond line"


def test_title_lines_above_header_and_blank_lines_at_end(con, tmp_path):
    text = "Registrations export\nPrinted 2019-03-01\n\n" + "\n".join(
        [HEADER, ROWS[0], "Spring 2019,X-9,x@y.org,A,B,,,"]
    )
    (_, result) = ingest_files(con, [CATALOG, _write(tmp_path, "e.csv", text + "\n\n\n,,,,,,,\n")])
    assert result.rows_read == 2 and result.loaded == 1
    assert result.rejects == [
        {"line": 6, "column": "course_code", "reason": "course 'X-9' is not in the catalog for Spring 2019"}
    ]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_duckdb_scan_and_python_parse_agree(tmp_path, monkeypatch, encoding):
    body = [HEADER] + [f"Spring 2019,BEC-19S-01,p{i}@a.org,Zoë,Ñ{i},Hale Academy,,enrolled" for i in range(50)]
    body += ["Spring 2019,BEC-19S-01,,No,Email,,,", "TBD,BEC-19S-01,q@a.org,Q,Q,,,"]
    path = _write(tmp_path, "big.csv", "Title line\r\n" + "\r\n".join(body) + "\r\n", encoding)
    outcomes, parsed = [], []
    real_stage_rows = stage_module._stage_rows
    monkeypatch.setattr(stage_module, "_stage_rows", lambda *a: parsed.append(1) or real_stage_rows(*a))
    for threshold in (10**9, 0):  # Python parse, then DuckDB's scan
        monkeypatch.setattr(stage_module, "FAST_PATH_MIN_BYTES", threshold)
        con = warehouse.connect(tmp_path / f"w{threshold}.duckdb")
        (_, result) = ingest_files(con, [CATALOG, path])
        rows = con.execute("select * exclude (batch_id) from enrollments order by all").fetchall()
        rejects = con.execute("select line_no, column_name, reason, raw_row from rejected_rows order by 1").fetchall()
        outcomes.append((result.loaded, result.rejected, rows, rejects))
        con.close()
    assert len(parsed) == 2  # both files parsed by Python in the first run, scanned by DuckDB in the second
    assert outcomes[0] == outcomes[1]
    assert [r[0] for r in outcomes[0][3]] == [53, 54]
    assert outcomes[0][2][0][5] == "Zoë Ñ0"  # full_name: accents kept by both readers


def test_xlsx_two_sheets_each_a_batch(con, tmp_path):
    book = openpyxl.Workbook()
    courses = book.active
    courses.title = "Catalog"
    courses.append(["Course catalog 2019"])
    courses.append(["Semester", "Course ID", "Course Name", "Strand", "Leader Email"])
    courses.append(["Spring 2019", "BEC-19S-01", "Math", "Supporting all learners", "l@a.org"])
    schools = book.create_sheet("Schools")
    schools.append(["School", "Sector"])
    schools.append(["Hale Academy", "BPS"])
    book.create_sheet("Notes").append(["Anything", "else"])
    path = tmp_path / "catalog.xlsx"
    book.save(path)
    results = ingest_files(con, [path])
    assert [(r.sheet, r.kind, r.loaded) for r in results] == [("Schools", "schools", 1), ("Catalog", "courses", 1)]
    assert len({r.batch_id for r in results}) == 2
    assert results[1].file == "catalog.xlsx"


# The extra rows survey tools write under their header: SurveyMonkey's second header row; Qualtrics'
# question texts and {"ImportId": ...} rows. Each export has one answer, read through them.
SURVEYMONKEY = (
    "Respondent ID,Collector ID,Email Address,Semester,Course ID,How likely are you to recommend this course?\n"
    ",,,,,Response\n"
    "1,9,a@b.org,Spring 2019,BEC-19S-01,9\n"
)
QUALTRICS = (
    "StartDate,EndDate,ResponseId,RecipientEmail,term,course_code,Q1,Q2\n"
    "Start Date,End Date,Response ID,Email,Term,Course,Overall rating of the course,"
    "Are you interested in leading a course?\n"
    '"{""ImportId"":""startDate""}","{""ImportId"":""endDate""}","{""ImportId"":""_recordId""}",'
    '"{""ImportId"":""e""}","{""ImportId"":""t""}","{""ImportId"":""c""}","{""ImportId"":""QID1""}",'
    '"{""ImportId"":""QID2""}"\n'
    "2019-05-01 10:00:00,2019-05-01 10:05:00,R_1,a@b.org,Spring 2019,BEC-19S-01,Excellent,Maybe\n"
)


@pytest.mark.parametrize(
    ("text", "answer_query", "answer"),
    [
        pytest.param(SURVEYMONKEY, "select recommend from survey_responses", (9,), id="surveymonkey_second_header"),
        pytest.param(
            QUALTRICS,
            "select rating, lead_interest, submitted_at::varchar from survey_responses",
            (5, "maybe", "2019-05-01 10:05:00"),
            id="qualtrics_question_text_and_import_id_rows",
        ),
    ],
)
def test_survey_tools_extra_header_rows_skipped(con, tmp_path, text, answer_query, answer):
    (_, result) = ingest_files(con, [CATALOG, _write(tmp_path, "survey.csv", text)])
    assert (result.kind, result.rows_read, result.loaded) == ("surveys", 1, 1)
    assert con.execute(answer_query).fetchone() == answer


@pytest.mark.parametrize(
    ("header", "kind", "canonical"),
    [
        ("Email Address", "enrollments", "email"),
        ("E-mail", "enrollments", "email"),
        ("Work Email", "enrollments", "email"),
        ("School Name", "enrollments", "school"),
        ("Semester", "enrollments", "term"),
        ("Session", "enrollments", "term"),
        ("Course Name", "enrollments", "course_title"),
        ("Course", "enrollments", "course_title"),
        ("Course ID", "enrollments", "course_code"),
        ("Section", "enrollments", "course_code"),
        ("Timestamp", "enrollments", "registered_at"),
        ("Timestamp", "surveys", "submitted_at"),
        ("Full Name", "enrollments", "full_name"),
        ("Name", "enrollments", "full_name"),
        ("First Name", "enrollments", "first_name"),
        ("LAST_NAME", "enrollments", "last_name"),
        ("How likely are you to recommend this course to a colleague?", "surveys", "recommend"),
        ("What is your overall rating of the course?", "surveys", "rating"),
        ("I plan to implement what I learned", "surveys", "implement"),
        ("Would you be interested in leading a course?", "surveys", "lead_interest"),
        ("Leader E-mail", "courses", "leader_email"),
        ("Email", "courses", "leader_email"),
        ("Strand", "courses", "category"),
    ],
)
def test_header_synonyms(header, kind, canonical):
    assert map_headers([header], kind) == {0: canonical}


def test_kind_detection():
    assert detect_kind(["Semester", "Course ID", "Strand", "Leader Email"]) == "courses"
    assert detect_kind(["Timestamp", "Email Address", "Name", "Course", "Term"]) == "enrollments"
    assert detect_kind(["Term", "Course", "Rating"]) == "surveys"
    assert detect_kind(["School", "Type of school"]) == "schools"
    assert detect_kind(["foo", "bar"]) is None


def test_unknown_kind_names_file_and_headers(con, tmp_path):
    path = _write(tmp_path, "mystery.csv", "foo,bar\n1,2\n")
    with pytest.raises(ImportFileError, match=r"mystery\.csv: not a recognisable export.*'foo', 'bar'"):
        ingest_files(con, [CATALOG, path])
    assert warehouse.table_counts(con)["courses"] == 0  # the good file of the command was not loaded either
    assert con.execute("select count(*) from import_batches").fetchone()[0] == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"  \n\n", "the file is empty"),
        (b"\x00\x01\x02binary\x00", "binary data"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "old Excel .xls"),
    ],
)
def test_unreadable_files(con, tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match=message):
        ingest_files(con, [path])


def test_missing_file(con, tmp_path):
    with pytest.raises(ImportFileError, match="nope.csv: no such file"):
        ingest_files(con, [tmp_path / "nope.csv"])


def test_of_several_files_that_cannot_be_read_the_first_given_is_named(con, tmp_path, monkeypatch):
    # files are read two at a time: here the second's error comes first (the first file is slow
    # to read), and still the first file's is raised, as when they were read in turn
    real = ingest_module.read_tables

    def read_tables(path, **kwargs):
        if Path(path).name == "slow.csv":
            time.sleep(0.3)
            raise ImportFileError("slow.csv", "cannot be read (slowly)")
        return real(path, **kwargs)

    monkeypatch.setattr(ingest_module, "read_tables", read_tables)
    slow, missing = tmp_path / "slow.csv", tmp_path / "nope.csv"
    with pytest.raises(ImportFileError) as first:
        ingest_files(con, [CATALOG, slow, missing])
    assert first.value.file == "slow.csv"
    with pytest.raises(ImportFileError) as swapped:
        ingest_files(con, [CATALOG, missing, slow])
    assert swapped.value.file == "nope.csv"
    assert con.execute("select count(*) from import_batches").fetchone()[0] == 0


def test_missing_required_column_names_the_nearest_kind(con, tmp_path):
    path = _write(tmp_path, "e.csv", "Semester,Course ID,Email Address,School\nSpring 2019,BEC-19S-01,a@b.org,X\n")
    with pytest.raises(ImportFileError, match=r"nearest: enrollments, which needs full_name \(or first_name"):
        ingest_files(con, [path])


def test_missing_required_column_with_forced_kind(con, tmp_path):
    path = _write(tmp_path, "e.csv", "term,course_code,first_name\nSpring 2019,BEC-19S-01,A\n")
    with pytest.raises(ImportFileError, match=r"missing required column\(s\) for enrollments: email, full_name"):
        ingest_files(con, [path], kind="enrollments")


def test_forced_kind_overrides_detection(con, tmp_path):
    # holds a rating, so detection says surveys; --kind enrollments reads it as registrations
    text = "term,course_code,email,full_name,rating\nSpring 2019,BEC-19S-01,a@b.org,A B,5\n"
    ingest_files(con, [CATALOG])
    (result,) = ingest_files(con, [_write(tmp_path, "e.csv", text)], kind="enrollments")
    assert (result.kind, result.loaded) == ("enrollments", 1)


def test_preview_writes_nothing(con, tmp_path):
    ingest_files(con, [CATALOG])
    path = _write(tmp_path, "e.csv", "\n".join([HEADER, *ROWS, "TBD,BEC-19S-01,x@y.org,A,B,,,"]) + "\n")
    before = warehouse.table_counts(con)
    preview = preview_file(con, path)
    assert preview.kind == "enrollments" and (preview.loaded, preview.rejected) == (2, 1)
    assert preview.header_map["email"] == "email" and list(preview.rejects["line"]) == [4]
    assert list(preview.rows.columns)[:2] == ["term", "course_code"] and len(preview.rows) == 3
    assert warehouse.table_counts(con) == before
