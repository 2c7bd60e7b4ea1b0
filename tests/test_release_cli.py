"""The command line's shared files come from the latest release: exact cells, refusals with exit 2, live stays live."""

from __future__ import annotations

import io
import json
import re

import openpyxl
import pandas as pd
import pytest
from app_support import build_warehouse, latest_release_of
from release_support import array_numbers, published_copy

from analytics import metrics
from analytics.cli import main
from analytics.vocab import parse_term

K = 10


@pytest.fixture(scope="module")
def unpublished(tmp_path_factory):
    return build_warehouse(tmp_path_factory.mktemp("cli-none") / "warehouse.duckdb")


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    """The sample warehouse with one release, and that release's tables read back (the file is closed)."""
    path = published_copy(tmp_path_factory, tmp_path_factory.mktemp("cli-release") / "warehouse.duckdb")
    with latest_release_of(path) as (con, release):
        tables = {
            (name, view.id): release.table(name, view)
            for name in release.tables
            for view in release.views
            if release.offers(name, view)
        }
        zoomed = release.table("participation_by_term", "sector:charter", parse_term("Fall 2018"), None)
        info = {"id": release.id, "as_of": release.as_of, "k": release.k, "p": release.p}
        info |= {"views": [v.id for v in release.views], "tables": list(release.tables)}
        live = metrics.compute(con, "participation_by_term")
    return path, tables, info, zoomed, live


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def cells(frame: pd.DataFrame) -> list[list[object]]:
    """Rows as plain values, blanks (withheld or empty) as None, numbers as floats: comparable across readers."""
    out = []
    for row in frame.itertuples(index=False, name=None):
        plain = []
        for value in row:
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                plain.append(None)
            elif isinstance(value, str):
                plain.append(value)
            else:
                plain.append(round(float(value), 6))
        out.append(plain)
    return out


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "participation_by_term", "--suppress-below", "10"],
        ["export", "all", "--suppress-below", "10", "-o", "unused.xlsx"],
        ["report", "-o", "unused.html"],
    ],
    ids=["export", "export-all", "report"],
)
def test_with_no_release_shared_files_are_refused(unpublished, capsys, argv, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *argv, "--db", str(unpublished))
    assert code == 2 and out == ""
    assert err.startswith("error: no release has been published yet") and err.count("\n") == 1
    assert not list(tmp_path.iterdir()), "nothing half-written"


def test_the_live_export_of_a_coordinator_stays_live(unpublished, capsys):
    code, out, _ = run(capsys, "export", "participation_by_sector", "--db", str(unpublished))
    assert code == 0
    frame = pd.read_csv(io.StringIO(out))
    assert (pd.to_numeric(frame["participants"]).between(1, K - 1)).any(), "live numbers hold small counts"


@pytest.mark.parametrize(
    ("filters", "view"),
    [([], "all"), (["--sector", "Charter"], "sector:charter"), (["--category", "rigorous_curricula"], None)],
)
def test_a_shared_csv_is_exactly_the_release_table(released, capsys, filters, view):
    path, tables, info, _, _ = released
    view = view or next(v for v in info["views"] if v.startswith("category:rigorous"))
    code, out, err = run(capsys, "export", "cohort_retention", "--db", str(path), "--suppress-below", "10", *filters)
    assert code == 0, err
    got = pd.read_csv(io.StringIO(out))
    expected = tables[("cohort_retention", view)]
    assert list(got.columns) == list(expected.columns)
    assert cells(got) == cells(expected)
    assert f"release {info['id']}" in err


def test_the_json_meta_names_the_release_its_as_of_k_and_p(released, capsys):
    path, tables, info, _, _ = released
    code, out, _ = run(
        capsys, "export", "leader_pipeline", "--db", str(path), "--suppress-below", "10", "--format", "json"
    )
    assert code == 0
    document = json.loads(out)
    release = document["meta"]["release"]
    assert release["id"] == info["id"] and release["k"] == K and release["p"] == 5
    assert release["view"] == "all"
    assert release["as_of"].startswith(info["as_of"].strftime("%Y-%m-%dT%H:%M"))
    assert cells(pd.DataFrame(document["rows"], columns=document["columns"])) == cells(
        tables[("leader_pipeline", "all")]
    )


def test_the_term_range_is_a_zoom_on_the_published_rows(released, capsys):
    path, tables, _, zoomed, _ = released
    code, out, _ = run(
        capsys, "export", "participation_by_term", "--db", str(path), "--suppress-below", "10", "--sector", "charter",
        "--term-from", "FA18",
    )  # fmt: skip
    assert code == 0
    got = pd.read_csv(io.StringIO(out))
    assert cells(got) == cells(zoomed)
    full = cells(tables[("participation_by_term", "sector:charter")])
    assert 0 < len(got) < len(full) and all(row in full for row in cells(got))


@pytest.mark.parametrize(
    "filters",
    [
        ["--sector", "charter", "--sector", "district"],
        ["--sector", "charter", "--category", "rigorous_curricula"],
        ["--category", "rigorous_curricula", "--category", "all_learners"],
    ],
    ids=["two-sectors", "sector-and-strand", "two-strands"],
)
@pytest.mark.parametrize("command", ["export", "export-all", "report"])
def test_a_filter_set_that_is_not_published_is_refused_naming_the_views(
    released, capsys, tmp_path, monkeypatch, filters, command
):
    path, _, info, _, _ = released
    monkeypatch.chdir(tmp_path)
    argv = {
        "export": ["export", "participation_by_term", "--suppress-below", "10"],
        "export-all": ["export", "all", "--suppress-below", "10", "-o", "all.xlsx"],
        "report": ["report", "-o", "report.html"],
    }[command]
    code, out, err = run(capsys, *argv, *filters, "--db", str(path))
    assert code == 2 and out == ""
    assert err.count("\n") == 1, "one line"
    assert err.startswith("error: ") and "is not a published view" in err
    assert "--sector charter" in err and "--category rigorous_curricula" in err and "no --sector/--category" in err
    assert not list(tmp_path.iterdir()), "nothing written"


def test_a_coordinator_only_table_is_not_shared(released, capsys):
    path, _, info, _, _ = released
    assert "survey_by_course" not in info["tables"]
    code, _, err = run(capsys, "export", "survey_by_course", "--db", str(path), "--suppress-below", "10")
    assert code == 2 and "not published for funders" in err


def test_a_threshold_above_the_releases_is_refused(released, capsys):
    path, *_ = released
    code, _, err = run(capsys, "export", "participation_by_term", "--db", str(path), "--suppress-below", "20")
    assert code == 2 and "withholds counts below 10, not below 20" in err


def test_export_all_is_the_release_workbook(released, capsys, tmp_path):
    path, tables, info, _, _ = released
    target = tmp_path / "all.xlsx"
    code, _, err = run(capsys, "export", "all", "--db", str(path), "--suppress-below", "10", "-o", str(target))
    assert code == 0, err
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["About", *[name[:31] for name in info["tables"]]]
    about = " ".join(str(c.value) for row in book["About"].iter_rows() for c in row if c.value)
    assert f"release {info['id']}" in about and "K=10, P=5" in about
    sheets = pd.read_excel(target, sheet_name=None)
    for name in info["tables"]:
        assert cells(sheets[name[:31]]) == cells(tables[(name, "all")]), name


@pytest.mark.parametrize(("filters", "view"), [([], "all"), (["--sector", "independent"], "sector:independent")])
def test_the_report_is_cut_from_the_release(released, capsys, tmp_path, filters, view):
    path, tables, info, _, _ = released
    target = tmp_path / "report.html"
    code, _, err = run(capsys, "report", "--db", str(path), "-o", str(target), *filters)
    assert code == 0, err
    page = target.read_text(encoding="utf-8")
    assert f"release {info['id']}" in page and "K=10, P=5" in page
    # every number drawn is one of the release's numbers under this view
    allowed = {
        round(float(v), 6)
        for (_, v_id), frame in tables.items()
        if v_id == view
        for column in frame.columns
        for v in pd.to_numeric(frame[column], errors="coerce").dropna()
    }
    drawn = [
        round(n, 6) for trace in report_traces(page) for axis in ("x", "y", "z") for n in array_numbers(trace.get(axis))
    ]
    assert drawn and [n for n in drawn if n not in allowed] == []
    # the headline cards are the release's latest term; the school-year cards its latest school year
    by_term = tables[("participation_by_term", view)]
    latest = by_term.iloc[max(range(len(by_term)), key=lambda i: parse_term(by_term["term"].iloc[i]).order)]
    by_year = tables[("participation_by_year", view)]
    year = by_year.iloc[by_year["school_year"].astype(str).argmax()]
    for section, row in (('id="headlines"', latest), ('id="school-years"', year)):
        cards = section_cards(page, section)
        for column, label in (("participants", "Participants"), ("schools", "Schools"), ("leaders", "Teacher leaders")):
            expected = "withheld" if pd.isna(row[column]) else f"{int(row[column]):,}"
            assert cards[label] == expected, (section, label)


def section_cards(page: str, marker: str) -> dict[str, str]:
    """The headline cards (label -> value shown) of the report section whose tag holds ``marker``."""
    start = page.index(marker)
    section = page[start : page.index("</section>", start)]
    return dict(re.findall(r'<div class="label">([^<]+)</div><div class="value[^"]*">([^<]+)</div>', section))


def report_traces(page: str) -> list[dict]:
    decoder = json.JSONDecoder()
    body = page.split("</script>", 1)[1]
    found = []
    for match in re.finditer(r'Plotly\.newPlot\(\s*"[^"]+",\s*', body):
        data, _ = decoder.raw_decode(body, match.end())
        found.extend(data)
    return found
