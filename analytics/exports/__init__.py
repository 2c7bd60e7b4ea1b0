"""Exports: formula-safe CSV/JSON/XLSX writers, files cut from the published release, the funder report.

Nothing here imports streamlit; the dashboard's Exports page and the command line call
``export_table``, ``export_workbook`` and ``build_report``. A threshold (``suppress_below``
of 2 or more) means "fit to share": such files come from the latest release, never from
live data; without one, coordinators get live numbers.
"""

from analytics.exports.api import FORMATS, Export, export_table, export_workbook, shared, tables_for_export
from analytics.exports.meta import rule_text
from analytics.exports.published import NotPublishedError
from analytics.exports.report import build_report
from analytics.exports.report_pdf import PAPERS, build_report_files, build_report_pdf
from analytics.exports.safe import safe_text, safe_value

__all__ = [
    "FORMATS",
    "Export",
    "NotPublishedError",
    "PAPERS",
    "build_report",
    "build_report_files",
    "build_report_pdf",
    "export_table",
    "export_workbook",
    "rule_text",
    "safe_text",
    "safe_value",
    "shared",
    "tables_for_export",
]
