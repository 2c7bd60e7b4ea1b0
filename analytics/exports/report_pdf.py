"""The funder report as a PDF, laid out for A4 or US Letter, from the same content as the HTML report.

fpdf2 writes the pages (a pure-Python wheel: nothing to install beyond ``requirements.txt``);
the charts are the report's plotly figures redrawn as vector drawings (``pdf_charts``). Text
is real text in an embedded DejaVu font (shipped inside matplotlib's wheel), so it can be
selected, searched and read aloud, and every page is numbered "Page N of M".
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import matplotlib
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from analytics.errors import AnalyticsError
from analytics.exports import pdf_charts
from analytics.exports.report import WITHHELD_CAPTION, YEAR_NOTE, Progress, goal_cells, render_html, report_for
from analytics.exports.report_content import ReportContent, Section
from analytics.filters import Filters

PAPERS = {"a4": "A4", "letter": "Letter"}
_FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
_FONT = "DejaVu"
_INK, _MUTED, _ACCENT, _LINE = (29, 39, 51), (91, 103, 117), (31, 78, 121), (217, 222, 229)
_UP, _DOWN, _TINT = (0, 110, 79), (163, 59, 0), (241, 245, 250)
_MARGIN = 15  # mm


class _Document(FPDF):
    def __init__(self, paper: str, as_of: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format=paper)
        self.as_of = as_of
        self.set_margins(_MARGIN, _MARGIN, _MARGIN)
        self.set_auto_page_break(True, margin=16)
        for style, file in (("", "DejaVuSans.ttf"), ("B", "DejaVuSans-Bold.ttf"), ("I", "DejaVuSans-Oblique.ttf")):
            # the page text's family, and the family the charts' SVG text names (real, selectable text there too)
            for family in (_FONT, "DejaVu Sans"):
                self.add_font(family, style, str(_FONTS / file))
        self.set_title("Boston Educators Collaborative: report to funders")
        self.set_author("Boston Educators Collaborative")
        self.set_lang("en")

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font(_FONT, "", 7.5)
        self.set_text_color(*_MUTED)
        self.cell(0, 5, "Boston Educators Collaborative · report to funders", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(2)

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font(_FONT, "", 7.5)
        self.set_text_color(*_MUTED)
        self.cell(0, 5, f"Data as of {self.as_of}", align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="R")

    @property
    def width(self) -> float:
        return self.w - self.l_margin - self.r_margin

    def room(self) -> float:
        return self.h - self.b_margin - self.get_y()


def build_report_pdf(
    con: duckdb.DuckDBPyConnection,
    filters: Filters | None = None,
    suppress_below: int | None = 10,
    paper: str = "a4",
    progress: Progress | None = None,
) -> bytes:
    """The report as a PDF (the same content as ``build_report``'s HTML)."""
    return build_report_files(con, filters, suppress_below, paper, progress)[1]


def build_report_files(
    con: duckdb.DuckDBPyConnection,
    filters: Filters | None = None,
    suppress_below: int | None = 10,
    paper: str = "a4",
    progress: Progress | None = None,
) -> tuple[str, bytes]:
    """(HTML, PDF) of one report: the tables are computed once, and both say exactly the same."""
    step = progress or (lambda _fraction, _message: None)
    content = report_for(con, filters, suppress_below, step)
    page = render_html(content)
    step(0.8, f"laying out the PDF ({PAPERS.get(str(paper).lower(), paper)})")
    pdf = render_pdf(content, paper)
    step(1.0, "done")
    return page, pdf


def render_pdf(content: ReportContent, paper: str = "a4") -> bytes:
    """The report as PDF bytes, on ``paper`` ("a4" or "letter")."""
    size = PAPERS.get(str(paper).lower())
    if size is None:
        raise AnalyticsError(f"unknown paper size {paper!r}; valid: {', '.join(PAPERS)}")
    pdf = _Document(size, content.as_of)
    pdf.add_page()
    _cover(pdf, content)
    for section in content.sections:
        _section(pdf, section, content)
    _about(pdf, content)
    return bytes(pdf.output())


def _text(pdf: _Document, text: str, size: float = 9.5, style: str = "", colour=_INK, height: float | None = None):
    pdf.set_font(_FONT, style, size)
    pdf.set_text_color(*colour)
    pdf.multi_cell(0, height or size * 0.5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _cover(pdf: _Document, content: ReportContent) -> None:
    _text(pdf, content.kicker.upper(), 8.5, "B", _ACCENT)
    pdf.ln(1)
    _text(pdf, content.title, 19, "B", _INK, 8.5)
    pdf.ln(1.5)
    _text(pdf, f"Filters: {content.filters}", 8.5, colour=_MUTED)
    _text(pdf, f"Data as of {content.as_of} · prepared {content.prepared} · {content.protection}", 8.5, colour=_MUTED)
    pdf.ln(2)
    _text(pdf, content.lead, 11, height=5.5)
    pdf.ln(2)
    pdf.set_draw_color(*_ACCENT)
    pdf.set_line_width(1)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + pdf.width, pdf.get_y())
    pdf.set_line_width(0.2)
    pdf.ln(5)


def _heading(pdf: _Document, text: str) -> None:
    _text(pdf, text, 14, "B", _ACCENT, 7)
    pdf.ln(1)


def _reading(pdf: _Document, text: str) -> None:
    """A plain-English sentence on a tinted band with an accent rule, like the HTML report's."""
    pdf.set_font(_FONT, "", 9.5)
    width = pdf.width - 4
    lines = pdf.multi_cell(width - 1, 4.6, text, align="L", dry_run=True, output="LINES")
    height = 4.6 * len(lines) + 3
    if pdf.room() < height:
        pdf.add_page()
    x, y = pdf.l_margin, pdf.get_y()
    pdf.set_fill_color(*_TINT)
    pdf.rect(x, y, pdf.width, height, style="F")
    pdf.set_fill_color(*_ACCENT)
    pdf.rect(x, y, 1.2, height, style="F")
    pdf.set_xy(x + 3, y + 1.5)
    pdf.set_text_color(*_INK)
    pdf.multi_cell(width - 1, 4.6, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(y + height + 2)


def _cards(pdf: _Document, numbers, heading: str) -> None:
    if heading:
        _text(pdf, heading, 9, "B", _MUTED)
        pdf.ln(1)
    count = len(numbers)
    gap = 3
    width = (pdf.width - gap * (count - 1)) / count
    height = 25
    if pdf.room() < height + 2:
        pdf.add_page()
    top = pdf.get_y()
    pdf.set_draw_color(*_LINE)
    for n, number in enumerate(numbers):
        x = pdf.l_margin + n * (width + gap)
        pdf.rect(x, top, width, height, style="D", round_corners=True, corner_radius=2)
        pdf.set_xy(x + 2.5, top + 2)
        pdf.set_font(_FONT, "", 7.5)
        pdf.set_text_color(*_MUTED)
        pdf.cell(width - 5, 4, number.label)
        pdf.set_xy(x + 2.5, top + 6.5)
        if number.value is None:
            pdf.set_font(_FONT, "I", 11)
            pdf.cell(width - 5, 7, "withheld")
        else:
            pdf.set_font(_FONT, "B", 15)
            pdf.set_text_color(*_INK)
            text = f"{number.value:.0%}" if number.kind == "rate" else f"{number.value:,.0f}"
            pdf.cell(width - 5, 7, text)
        change = number.change
        colour = _MUTED if change is None or change == 0 else _UP if change > 0 else _DOWN
        if change is None:
            words = number.basis
        else:
            amount = f"{change * 100:+.0f} pts" if number.kind == "rate" else f"{change:+,.0f}"
            words = f"{amount} {number.basis}"
        pdf.set_xy(x + 2.5, top + 14.5)
        pdf.set_font(_FONT, "", 6.5)
        pdf.set_text_color(*colour)
        pdf.multi_cell(width - 5, 3, words, align="L")
    pdf.set_xy(pdf.l_margin, top + height + 4)


def _chart(pdf: _Document, chart) -> None:
    pixels = chart.figure.layout.height or 460
    height = pdf.width * min(pixels, 600) / 1000
    needed = height + 12 + (8 if chart.reading else 0)
    if pdf.room() < needed:
        pdf.add_page()
    if chart.reading:
        _reading(pdf, chart.reading)
    svg = pdf_charts.to_svg(chart.figure, pdf.width, height)
    pdf.image(svg, x=pdf.l_margin, y=pdf.get_y(), w=pdf.width, h=height, alt_text=chart.alt)
    pdf.set_y(pdf.get_y() + height + 1)
    _text(pdf, chart.alt, 7, "I", _MUTED, 3.3)
    if chart.withheld:
        _text(pdf, WITHHELD_CAPTION, 7, "", _MUTED, 3.3)
    pdf.ln(3)


def _section(pdf: _Document, section: Section, content: ReportContent) -> None:
    # Each section opens a page, but the headlines and school years share the cover's while they fit.
    opens_page = section.name not in ("Headlines", "School years") or pdf.room() < 80
    if opens_page and pdf.get_y() > pdf.t_margin + 12:
        pdf.add_page()
    _heading(pdf, section.heading)
    if section.headlines:
        _cards(pdf, section.headlines, section.headline_heading)
    for text in section.text:
        _reading(pdf, text)
    for chart in section.charts:
        _chart(pdf, chart)
    if section.name == "Goals" and not content.goals.empty:
        _table(pdf, ("Goal", "Period", "Target", "Actual", "Status"), goal_cells(content.goals), (34, 18, 16, 16, 16))


def _table(pdf: _Document, header, rows, widths) -> None:
    pdf.set_font(_FONT, "", 8)
    pdf.set_text_color(*_INK)
    pdf.set_draw_color(*_LINE)
    pdf.set_fill_color(255, 255, 255)
    heading = FontFace(emphasis="BOLD", color=_INK, fill_color=(236, 240, 245))
    with pdf.table(
        col_widths=widths,
        line_height=4.6,
        first_row_as_headings=True,
        headings_style=heading,
        borders_layout="HORIZONTAL_LINES",
        text_align="LEFT",
    ) as t:
        t.row(header)
        for row in rows:
            t.row(row)
    pdf.ln(3)


def _about(pdf: _Document, content: ReportContent) -> None:
    pdf.add_page()
    _heading(pdf, "About these numbers")
    _text(pdf, content.rule, 9, height=4.5)
    pdf.ln(1)
    for note in content.notes or ("Nothing needed withholding.",):
        _text(pdf, f"• {note}", 7.5, colour=_MUTED, height=3.6)
    pdf.ln(1)
    _text(pdf, YEAR_NOTE, 8.5, height=4.2)
    pdf.ln(3)
    _text(pdf, "What each table counts", 10.5, "B", height=5.5)
    pdf.ln(1)
    _table(pdf, ("Table", "What it counts"), list(content.dictionary), (32, 68))
