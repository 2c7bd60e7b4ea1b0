"""Exports: formula-safe CSV/JSON/XLSX writers, files cut from the published release, the funder report.

Nothing here imports streamlit; the dashboard's Exports page and the command line call
``export_table``, ``export_workbook`` and ``build_report``. A threshold (``suppress_below``
of 2 or more) means "fit to share": such files come from the latest release, never from
live data; without one, coordinators get live numbers.

The names below are loaded on first use (PEP 562): the PDF report pulls in matplotlib and
fpdf2 (seconds to import), and a page that only offers a CSV download should not pay for them.
"""

from __future__ import annotations

import importlib

# name -> the module of this package that defines it
_HOMES = {
    "FORMATS": "api",
    "Export": "api",
    "export_table": "api",
    "export_workbook": "api",
    "shared": "api",
    "tables_for_export": "api",
    "rule_text": "meta",
    "NotPublishedError": "published",
    "build_report": "report",
    "PAPERS": "report_pdf",
    "build_report_files": "report_pdf",
    "build_report_pdf": "report_pdf",
    "safe_text": "safe",
    "safe_value": "safe",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
    globals()[name] = value  # found once
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOMES])
