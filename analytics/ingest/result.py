"""What one import did to one file (one XLSX sheet): the summary ``ingest --json`` prints per file."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ImportResult:
    """What happened to one file (one XLSX sheet)."""

    file: str
    kind: str
    rows_read: int
    loaded: int
    rejected: int
    skipped: bool
    batch_id: int | None
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    sheet: str | None = None
    rejects: list[dict] = field(default_factory=list)
    skipped_lines: int = 0  # footer and note lines under the data: rows_read = loaded + rejected + skipped_lines
    skipped_texts: list[dict] = field(default_factory=list)  # those lines: {line, text}
    warnings: int = 0  # loaded rows with a value left blank (an unreadable optional date)
    first_warnings: list[dict] = field(default_factory=list)
    mapping: dict[str, dict] = field(default_factory=dict)  # their header -> {to, evidence, confidence, source}
    ignored: list[str] = field(default_factory=list)
    term: str | None = None
    term_source: str | None = None  # "column", "--term", "catalog", "registration dates", ...
    term_evidence: str | None = None
    layout: str | None = None  # the saved layout the file was read with
    saved_layout: str | None = None  # the layout this load saved (a confirmed mapping)
    decisions: list[str] = field(default_factory=list)  # what had to be (or must be) confirmed

    @classmethod
    def loaded_before(cls, file: str, sheet: str | None, kind: str, batch_id: int, counts: tuple) -> ImportResult:
        """A file whose content a batch in effect already holds: skipped, nothing written again.

        ``counts`` is that batch's (rows_read, loaded, rejected, skipped_lines); its loaded rows are unchanged.
        """
        rows_read, loaded, rejected, skipped_lines = counts
        result = cls(file, kind, rows_read, loaded, rejected, True, batch_id, unchanged=loaded, sheet=sheet)
        result.skipped_lines = skipped_lines or 0
        return result

    def to_dict(self) -> dict:
        """Plain JSON-ready dict (what `ingest --json` prints per file)."""
        return {
            "file": self.file,
            "sheet": self.sheet,
            "kind": self.kind,
            "rows_read": self.rows_read,
            "loaded": self.loaded,
            "rejected": self.rejected,
            "skipped": self.skipped,
            "batch_id": self.batch_id,
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejects": list(self.rejects),
            "skipped_lines": self.skipped_lines,
            "skipped_texts": list(self.skipped_texts),
            "warnings": self.warnings,
            "first_warnings": list(self.first_warnings),
            "mapping": dict(self.mapping),
            "ignored": list(self.ignored),
            "term": self.term,
            "term_source": self.term_source,
            "term_evidence": self.term_evidence,
            "layout": self.layout,
            "saved_layout": self.saved_layout,
            "decisions": list(self.decisions),
        }
