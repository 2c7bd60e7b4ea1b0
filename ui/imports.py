"""The Data page's work: uploaded files to a preview, then to an import; history, undo, rejects, duplicates.

Functions take plain values (names and bytes), not widgets, so tests can run
an upload and an undo exactly as the page does without a browser.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from analytics import ingest
from analytics.errors import AnalyticsError
from analytics.ingest.headers import LOAD_ORDER
from analytics.ingest.plan import NeedsTermError
from analytics.security import check_upload, staged_upload
from ui.data import cursor, data_version, source, writing


@dataclass
class Upload:
    """One uploaded file: its bytes, its preview, or the reason it can't be loaded.

    The bytes stay in the session between the preview and the import; on disk
    the file exists only while the importer reads it (a private folder, removed after).
    """

    name: str  # the name on the person's computer
    content: bytes = field(repr=False)
    kind_by_content: str | None = None  # "csv" or "xlsx", whatever the name says
    preview: ingest.Preview | None = None
    error: str | None = None
    term: str | None = None  # given on the page for a file with no term column
    needs_term: bool = False  # only the term is missing: the page asks for it

    @property
    def importable(self) -> bool:
        """Ready to import as it is: read, not loaded yet, and nothing left to confirm."""
        return self.preview is not None and not self.preview.already_loaded and not self.preview.needs_decision

    @property
    def needs_form(self) -> bool:
        """Its columns (or term) were proposed: the mapping form must confirm them first."""
        return self.preview is not None and self.preview.needs_decision

    @property
    def label(self) -> str:
        """The name the importer knows this upload's table by (with the sheet of a workbook)."""
        sheet = self.preview.sheet if self.preview else None
        return f"{self.name} [{sheet}]" if sheet else self.name


def preview_upload(name: str, content: bytes, term: str | None = None) -> Upload:
    """Check and preview one upload: detected kind, mapped headers, what would load and what would be rejected.

    ``term`` is the term of every row, for a file with no term column that the catalog and dates cannot place.
    """
    upload = Upload(name=name, content=content, term=term)
    try:
        upload.kind_by_content = check_upload(name, content).kind
        with staged_upload(name, content, kind=upload.kind_by_content) as path, cursor() as cur:
            upload.preview = ingest.preview_file(cur, path, display_name=name, term=term)
    except NeedsTermError as exc:
        upload.error, upload.needs_term = str(exc), True
    except AnalyticsError as exc:
        upload.error = str(exc)
    return upload


def preview_with(upload: Upload, choices: dict[str, str | None], term: str | None = None) -> ingest.Preview:
    """The upload previewed as the mapping form's choices would read it ({header key: field or None})."""
    with staged_upload(upload.name, upload.content, kind=upload.kind_by_content) as path, cursor() as cur:
        return ingest.preview_file(cur, path, display_name=upload.name, confirmed=choices, term=term)


def import_uploads(
    uploads: Sequence[Upload],
    progress: Callable[[float, str], None] | None = None,
    *,
    confirmed: dict[str, str | None] | None = None,
    term: str | None = None,
) -> list[ingest.ImportResult]:
    """Import the uploads in one command (catalogs and schools first), one batch per file.

    ``confirmed`` is the mapping form's choices for these uploads (one layout), saved as
    a layout as they load; without it only uploads that need no decision are taken.
    ``progress(fraction, text)`` is called before the import and once at the end.
    """
    ready = [u for u in uploads if u.importable or (confirmed is not None and u.needs_form)]
    ready.sort(key=lambda u: LOAD_ORDER.get(u.preview.kind, 99))
    if progress:
        progress(0.0, f"Importing {len(ready)} file" + ("" if len(ready) == 1 else "s"))
    with ExitStack() as stack:
        paths = [stack.enter_context(staged_upload(u.name, u.content, kind=u.kind_by_content)) for u in ready]
        cur = stack.enter_context(writing("an import on the Data page"))
        results = ingest.ingest_files(
            cur,
            paths,
            display_names={path: u.name for path, u in zip(paths, ready, strict=True)},
            confirmed={u.label: confirmed for u in ready if u.needs_form} if confirmed is not None else None,
            term=term or next((u.term for u in ready if u.term), None),
        )
    if progress:
        progress(1.0, f"Imported {len(ready)} file" + ("" if len(ready) == 1 else "s"))
    return results


def results_frame(results: Sequence[ingest.ImportResult]) -> pd.DataFrame:
    """One row per imported file: what was read, loaded, rejected, new, updated, unchanged."""
    return pd.DataFrame(
        [
            {
                "file": r.file + (f" ({r.sheet})" if r.sheet else ""),
                "kind": r.kind,
                "rows_read": r.rows_read,
                "loaded": r.loaded,
                "rejected": r.rejected,
                "inserted": r.inserted,
                "updated": r.updated,
                "unchanged": r.unchanged,
                "skipped_lines": r.skipped_lines,
                "note": _note(r),
            }
            for r in results
        ]
    )


def _note(r: ingest.ImportResult) -> str:
    notes = ["already loaded, skipped"] if r.skipped else []
    if r.layout:
        notes.append(f"read as your {r.layout} layout")
    if r.saved_layout:
        notes.append(f"saved as layout {r.saved_layout}")
    if r.term and r.term_source not in (None, "column"):
        notes.append(f"term {r.term} from the {r.term_source}")
    if r.warnings:
        notes.append(f"{r.warnings} unreadable date(s) left blank")
    return "; ".join(notes)


# The history, rejects and duplicates (``_duplicates`` below) change only with an import or an undo: cached under
# the data version, so a filter change elsewhere on the page (or another session) does not query them again.
@st.cache_data(show_spinner=False, max_entries=8)
def _listing(path: str, version: str, name: str, batch_id: int | None = None) -> pd.DataFrame:
    with cursor() as cur:
        if name == "history":
            return ingest.list_batches(cur)
        return ingest.rejected_rows(cur, batch_id)


def history() -> pd.DataFrame:
    """Every import, newest first."""
    return _listing(source(), data_version(), "history")


def undo(batch_id: int) -> dict:
    """Undo one import batch (AnalyticsError says why when it can't)."""
    with writing("an undo on the Data page") as cur:
        return ingest.undo_batch(cur, int(batch_id))


def rejected(batch_id: int | None = None) -> pd.DataFrame:
    """Rejected rows of one batch, or of every batch in effect."""
    return _listing(source(), data_version(), "rejected", None if batch_id is None else int(batch_id))


@dataclass(frozen=True)
class Duplicates:
    """The first ``len(shown)`` people who may be one person under two emails, of ``people`` under ``names``."""

    shown: pd.DataFrame
    people: int
    names: int


@st.cache_data(show_spinner=False, max_entries=4)
def _duplicates(path: str, version: str, limit: int) -> Duplicates:
    with cursor() as cur:
        people, names = ingest.possible_duplicate_count(cur)
        return Duplicates(ingest.possible_duplicates(cur, limit=limit), people, names)


def duplicates(limit: int) -> Duplicates:
    """The first ``limit`` people who may be one person under two emails (by name, then email), and how many in all.

    Only those are read: at ten million synthetic enrollments every name is shared, and the whole
    list (5.6 million people) took 13.5 s to read where the first thousand take 0.4 s."""
    return _duplicates(source(), data_version(), limit)


def all_duplicates() -> pd.DataFrame:
    """Every possible duplicate, for the download (read when it is asked for, never cached: it may be long)."""
    with cursor() as cur:
        return ingest.possible_duplicates(cur)
