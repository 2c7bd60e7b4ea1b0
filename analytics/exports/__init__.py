"""Exports: small-cell suppression, formula-safe cells, CSV/JSON/XLSX writers, the funder report.

Nothing here imports streamlit; the dashboard's Exports page and the command line call
``export_table``, ``export_workbook`` and ``build_report``.
"""

from analytics.exports.api import (
    FORMATS,
    Export,
    export_table,
    export_workbook,
    suppressed_tables,
    table_for_export,
    tables_for_export,
)
from analytics.exports.report import build_report
from analytics.exports.report_pdf import PAPERS, build_report_files, build_report_pdf
from analytics.exports.safe import safe_text, safe_value
from analytics.exports.suppression import Suppressed, rule_text, suppress, suppress_tables

__all__ = [
    "FORMATS",
    "Export",
    "Suppressed",
    "PAPERS",
    "build_report",
    "build_report_files",
    "build_report_pdf",
    "export_table",
    "export_workbook",
    "rule_text",
    "safe_text",
    "safe_value",
    "suppress",
    "suppress_tables",
    "suppressed_tables",
    "table_for_export",
    "tables_for_export",
]
