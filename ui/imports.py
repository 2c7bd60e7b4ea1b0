"""The Data page's work: uploaded files to a preview, then to an import; history, undo, rejects, duplicates.

Functions take plain values (names and bytes), not widgets, so tests can run
an upload and an undo exactly as the page does without a browser.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from analytics import ingest
from analytics.errors import AnalyticsError
from analytics.ingest.headers import LOAD_ORDER
from analytics.security import check_upload, staged_upload
from ui.data import cursor


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

    @property
    def importable(self) -> bool:
        return self.preview is not None and not self.preview.already_loaded


def preview_upload(name: str, content: bytes) -> Upload:
    """Check and preview one upload: detected kind, mapped headers, what would load and what would be rejected."""
    upload = Upload(name=name, content=content)
    try:
        upload.kind_by_content = check_upload(name, content).kind
        with staged_upload(name, content, kind=upload.kind_by_content) as path, cursor() as cur:
            upload.preview = ingest.preview_file(cur, path, display_name=name)
    except AnalyticsError as exc:
        upload.error = str(exc)
    return upload


def import_uploads(
    uploads: Sequence[Upload], progress: Callable[[float, str], None] | None = None
) -> list[ingest.ImportResult]:
    """Import the previewed uploads (catalogs and schools before registrations and surveys), one batch each.

    ``progress(fraction, text)`` is called before each file and once at the end.
    """
    ready = sorted((u for u in uploads if u.importable), key=lambda u: LOAD_ORDER.get(u.preview.kind, 99))
    results: list[ingest.ImportResult] = []
    for number, upload in enumerate(ready):
        if progress:
            progress(number / len(ready), f"Importing {upload.name} ({number + 1} of {len(ready)})")
        with staged_upload(upload.name, upload.content, kind=upload.kind_by_content) as path, cursor() as cur:
            results += ingest.ingest_files(cur, [path], display_names={path: upload.name})
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
                "note": "already loaded, skipped" if r.skipped else "",
            }
            for r in results
        ]
    )


def history() -> pd.DataFrame:
    """Every import, newest first."""
    with cursor() as cur:
        return ingest.list_batches(cur)


def undo(batch_id: int) -> dict:
    """Undo one import batch (AnalyticsError says why when it can't)."""
    with cursor() as cur:
        return ingest.undo_batch(cur, int(batch_id))


def rejected(batch_id: int | None = None) -> pd.DataFrame:
    """Rejected rows of one batch, or of every batch in effect."""
    with cursor() as cur:
        return ingest.rejected_rows(cur, batch_id)


def duplicates() -> pd.DataFrame:
    """People who may be one person under two emails."""
    with cursor() as cur:
        return ingest.possible_duplicates(cur)
