"""What an export is: its filters, the data's as-of time, the release and rule it was cut from, a name that says so."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from analytics.filters import Filters


def rule_text(k: int | None, p: int | None = None) -> str:
    """The disclosure rule in one sentence, for export metadata and report footers."""
    if not k or k <= 1:
        return "No small-cell suppression: every count is shown (live numbers, for coordinators)."
    width = (
        f" and every withheld count could be any of at least {p} values given all the release's numbers together"
        if p
        else ""
    )
    return (
        f"Counts of 1 to {k - 1} people, enrollments or schools are withheld (blank), with further cells chosen so "
        f"that none of them can be worked out from the others{width}; every rate or average computed from a "
        "withheld count is withheld too. Zero is shown as zero."
    )


@dataclass(frozen=True)
class ReleaseStamp:
    """Which published release an export was cut from: its id, when it was published, its rule's K and P."""

    id: int
    published_at: datetime
    k: int
    p: int
    view: str  # the published view's id ("all", "sector:charter", ...)
    view_label: str

    @property
    def text(self) -> str:
        return f"release {self.id} of {self.published_at:%Y-%m-%d %H:%M} UTC (K={self.k}, P={self.p})"


@dataclass(frozen=True)
class ExportMeta:
    """Everything an exported file must carry about itself (docs/METRICS.md, "Exports")."""

    filters: Filters
    as_of: datetime | None
    suppress_below: int | None
    release: ReleaseStamp | None = None
    generated_at: datetime = field(default_factory=lambda: datetime.now(UTC).replace(microsecond=0))

    @property
    def suppression(self) -> str:
        if self.release:
            return rule_text(self.release.k, self.release.p)
        return rule_text(self.suppress_below)

    @property
    def as_of_text(self) -> str:
        return f"{self.as_of:%Y-%m-%d %H:%M} UTC" if self.as_of else "no data loaded"

    def as_dict(self) -> dict[str, object]:
        """The JSON ``meta`` object (without table-specific parts)."""
        params = self.filters.params()
        return {
            "filters": {
                "description": self.filters.describe(),
                "sectors": params["sectors"],
                "categories": params["categories"],
                "term_from": self.filters.term_from.label if self.filters.term_from else None,
                "term_to": self.filters.term_to.label if self.filters.term_to else None,
            },
            "as_of": _utc(self.as_of).isoformat() if self.as_of else None,
            "generated_at": self.generated_at.isoformat(),
            "suppression": {"suppress_below": self.suppress_below, "rule": self.suppression},
            "release": None if self.release is None else self._release_dict(),
        }

    def _release_dict(self) -> dict[str, object]:
        release = self.release
        return {
            "id": release.id,
            "published_at": _utc(release.published_at).isoformat(),
            "as_of": _utc(self.as_of).isoformat() if self.as_of else None,
            "k": release.k,
            "p": release.p,
            "view": release.view,
            "view_label": release.view_label,
        }


def _utc(moment: datetime) -> datetime:
    # the warehouse stores load times in UTC without a zone; say so in machine-readable form
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def filename(name: str, meta: ExportMeta, extension: str) -> str:
    """`participation_by_term_sector-charter_k10_2026-11-23.csv`: table, filters, threshold, as-of date.

    The name is the only place a CSV can say what it holds (no extra rows inside it).
    """
    parts = [name, *meta.filters.slugs()]
    if meta.release:
        parts.append(release_slug(meta.release.id, meta.release.k))
    elif meta.suppress_below and meta.suppress_below > 1:
        parts.append(f"k{meta.suppress_below}")
    parts.append(f"{meta.as_of:%Y-%m-%d}" if meta.as_of else "no-data")
    return file_name_of(parts, extension)


def release_slug(release_id: int, k: int) -> str:
    """The release part of a file name: ``release3-k10``."""
    return f"release{release_id}-k{k}"


def file_name_of(parts: list[str], extension: str) -> str:
    """Pieces of a file name joined by ``_``, each made safe, then the extension."""
    return "_".join(_slug(p) for p in parts) + "." + extension


def _slug(text: str) -> str:
    # file names travel through mail and browsers: keep letters, digits, dot, dash and underscore
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-")
