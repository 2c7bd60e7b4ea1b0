"""The PDF report: the HTML report's content on A4 and US Letter, selectable text, page numbers, clean pages."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pypdf import PdfReader
from release_support import published_acceptance

from analytics import disclosure, goals, warehouse
from analytics.cli import main
from analytics.exports import NotPublishedError, pdf_charts
from analytics.exports.report import render_html, report_for
from analytics.exports.report_pdf import render_pdf

ACCEPTANCE = Path(__file__).parent / "fixtures" / "acceptance" / "exports"
FINAL = ACCEPTANCE / "enrollments_spring_2020_final.csv"
POINTS = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    # the funder report is cut from the latest release: the acceptance exports, published (once per run)
    path = published_acceptance(tmp_path_factory, tmp_path_factory.mktemp("pdf") / "warehouse.duckdb")
    con = warehouse.connect(path)
    goals.set_goal(con, "participants", "Spring 2019", "150")
    goals.set_goal(con, "participants", "2019-20", "400")
    goals.set_goal(con, "leaders", "Fall 2020", "30")
    con.close()
    return path


@pytest.fixture(scope="module")
def content(db):
    con = warehouse.connect(db, read_only=True)
    try:
        return report_for(con, suppress_below=10)
    finally:
        con.close()


@pytest.fixture(scope="module", params=["a4", "letter"])
def pdf(request, content):
    return request.param, render_pdf(content, request.param)


def _text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_pages_are_the_paper_size_and_numbered(pdf):
    paper, data = pdf
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    pages = len(reader.pages)
    assert pages >= 6
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(POINTS[paper], abs=0.5)
    for number, text in enumerate(_text(data), start=1):
        assert f"Page {number} of {pages}" in text


def test_the_pdf_says_what_the_html_says(pdf, content):
    _, data = pdf
    text = _flat(" ".join(_text(data)))
    html = render_html(content)
    assert content.title in text and content.as_of in text and f"Filters: {content.filters}" in text
    for sentence in re.findall(r'<p class="reading">(.*?)</p>', html):
        sentence = sentence.replace("&#x27;", "'").replace("&amp;", "&")
        assert _flat(sentence) in text, sentence
    for section in content.sections:
        assert section.heading in text
        for chart in section.charts:
            assert _flat(chart.alt) in text  # every chart's text alternative, under it
    # headlines compare with the same term a year earlier; goals say met / not met / in progress
    assert "vs Spring 2019" in text
    assert "Participants Spring 2019 150" in text and "Teacher leaders Fall 2020 30" in text
    assert "About these numbers" in text and "participation_by_year" in text
    assert "Counts of 1 to 9 people, enrollments or schools are withheld" in text  # the release's rule


def test_chart_text_is_real_text(pdf):
    _, data = pdf
    text = _flat(" ".join(_text(data)))
    # the charts' own titles and axis labels are text in the PDF, not pictures of text
    assert "Growth by school year, 2017-18 – 2019-20" in text
    assert "Cohort retention: share of each starting cohort taking part again" in text


def test_every_page_renders_cleanly(pdf, tmp_path):
    paper, data = pdf
    assert shutil.which("pdftoppm"), "pdftoppm is needed (Debian's poppler-utils; `make test` installs it)"
    path = tmp_path / f"report_{paper}.pdf"
    path.write_bytes(data)
    run = subprocess.run(
        ["pdftoppm", "-r", "40", "-png", str(path), str(tmp_path / "page")], capture_output=True, text=True
    )
    assert run.returncode == 0 and "Error" not in run.stderr, run.stderr
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(PdfReader(io.BytesIO(data)).pages)
    for page in pages:
        pixels = np.asarray(Image.open(page).convert("L"))
        inked = (pixels < 200).mean()
        assert 0.005 < inked < 0.5, f"{page.name}: {inked:.3f} of the page inked (blank or smeared?)"


def test_charts_redraw_or_refuse(content):
    drawn = [chart.figure for section in content.sections for chart in section.charts]
    assert len(drawn) >= 9
    for figure in drawn:
        svg = pdf_charts.to_svg(figure, 180, 90)
        assert svg.lstrip().startswith((b"<?xml", b"<svg")) and b"<text" in svg
    import plotly.graph_objects as go

    with pytest.raises(pdf_charts.UnsupportedChart, match="pie"):
        pdf_charts.to_svg(go.Figure(go.Pie(values=[1, 2])), 180, 90)


def test_command_line_writes_a_pdf(db, tmp_path, capsys):
    out = tmp_path / "report.pdf"
    assert main(["report", "--format", "pdf", "--paper", "letter", "--db", str(db), "-o", str(out)]) == 0
    reader = PdfReader(out)
    assert float(reader.pages[0].mediabox.width) == pytest.approx(612, abs=0.5)
    assert "wrote" in capsys.readouterr().err


def test_an_empty_warehouse_gives_a_pdf_that_says_so(con):
    with pytest.raises(NotPublishedError, match="no release has been published yet"):
        report_for(con)  # the funder report is cut from a release: none yet, no report
    disclosure.publish(con, k=10, p=5)  # a release of nothing at all
    data = render_pdf(report_for(con), "a4")
    text = _flat(" ".join(_text(data)))
    assert "No data for these filters" in text and "no data loaded" in text
