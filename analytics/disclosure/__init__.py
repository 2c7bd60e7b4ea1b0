"""Disclosure control: releases of the funder tables, protected together and audited.

Funders never see live numbers: a coordinator publishes a release (``publish``), every funder
page, download and report is cut from ``latest_release``, and ``audit_release`` checks that no
withheld count can be narrowed to fewer than P values by anything in the release.
docs/decisions/070-disclosure-releases.md explains the design. Never imports streamlit.
"""

from analytics.disclosure.audit import AuditReport, audit_release
from analytics.disclosure.publish import PreviewReport, preview, publish
from analytics.disclosure.release import Release, get_release, latest_release, list_releases
from analytics.disclosure.tables import RELEASE_TABLES
from analytics.disclosure.views import VIEWS, View, nearest_view, view_for

__all__ = [
    "RELEASE_TABLES",
    "VIEWS",
    "AuditReport",
    "PreviewReport",
    "Release",
    "View",
    "audit_release",
    "get_release",
    "latest_release",
    "list_releases",
    "nearest_view",
    "preview",
    "publish",
    "view_for",
]
