"""Finding the header of an export: title lines above it, the kind, the tool rows under it.

The first rows of a file (or sheet) are searched for the row whose cells make
the required columns of a kind. Rows that survey tools put under the header
(SurveyMonkey's answer labels, Qualtrics' question texts and ImportId rows)
are recognised and skipped; Qualtrics' Q1, Q2... take their question texts.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from analytics.errors import ImportFileError
from analytics.ingest.headers import KINDS, detect_kind, map_headers, missing_required, norm
from analytics.vocab import parse_term

HEADER_SEARCH_ROWS = 30  # title and note lines above the header are searched this far down
_QUALTRICS = {"responseid", "startdate", "enddate", "recordeddate", "distributionchannel", "ipaddress"}
_LIKELIEST = ("enrollments", "surveys", "courses", "schools")  # ties in error hints go to the commonest export
_SURVEYMONKEY_ROW2 = {"response", "openendedresponse", "other", "otherpleasespecify"}


@dataclass(frozen=True)
class RawTable:
    """One table of an export (a CSV, or one XLSX sheet) as read: never changed afterwards (plans and staging
    results are separate objects)."""

    file: str  # name the user knows the file by
    path: str  # where the bytes are
    sheet: str | None
    headers: list[str]
    header_line: int  # 1-based line (or sheet row) of the header
    first_data_line: int  # 1-based line of the first row after the header area
    content_hash: str
    kind: str
    header_map: dict[int, str]
    text: str | None = None  # decoded CSV text (small files), else None
    delimiter: str = ","
    rows: list[tuple[int, list[str | None]]] | None = None  # parsed rows: (line, cells)
    extra: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.file} [{self.sheet}]" if self.sheet else self.file


def locate(
    name: str,
    records: list[tuple[int, list]],
    kind: str | None,
    overrides: dict | None,
    digest: str,
    sheet: str | None = None,
    required: bool = True,
) -> RawTable:
    """Find the header row among the first records, the kind its headers say, and the first data line.

    When no row's headers make a kind on their own (headers that are questions), the
    likeliest header row is taken with ``kind`` None: the planner decides from the values.
    """
    head = records[:HEADER_SEARCH_ROWS]
    chosen = None
    for pos, (_, cells) in enumerate(head):
        headers = [text_or_none(c) or "" for c in cells]
        raw = list(headers)
        if _QUALTRICS & {norm(h) for h in headers} and pos + 1 < len(head):
            _relabel_questions(headers, map_headers(headers, kind, overrides), head[pos + 1][1], kind, overrides)
        found = (
            kind if kind and not missing_required(kind, set(map_headers(headers, kind, overrides).values())) else None
        )
        found = found or (None if kind else detect_kind(headers, overrides))
        if found:
            chosen = (pos, headers, found, raw)
            break
    if chosen is None:
        pos = _header_guess(head)
        if pos is None:
            if not required:
                raise LookupError(name)
            where = f"sheet {sheet!r}: " if sheet else ""
            raise ImportFileError(name, f"{where}no header row found (the file has no data)")
        headers = [text_or_none(c) or "" for c in head[pos][1]]
        chosen = (pos, headers, None, list(headers))
    pos, headers, found, raw = chosen
    header_map = map_headers(headers, found, overrides)
    after = records[pos + 1 :]
    skipped = _tool_rows(headers, header_map, after[:3])
    questions = {}
    for offset in range(skipped):
        labels = after[offset][1]
        questions.update({i: t for i, t in enumerate(map(text_or_none, labels)) if t and not t.startswith("{")})
        _relabel_questions(headers, header_map, labels, found, overrides)
    first_data = after[skipped][0] if len(after) > skipped else (records[pos][0] + 1 + skipped)
    if skipped:
        header_map = map_headers(headers, found, overrides)
    return RawTable(
        file=name,
        path="",
        sheet=sheet,
        headers=headers,
        header_line=records[pos][0],
        first_data_line=first_data,
        content_hash=digest if sheet is None else hashlib.sha256(f"{digest}:{sheet}".encode()).hexdigest(),
        kind=found,
        header_map=header_map,
        extra={"raw_headers": raw, "questions": questions},
    )


def refuse(table: RawTable, kind: str | None, overrides: dict | None, candidates: str = "") -> ImportFileError:
    """The one-line error for a table whose columns make no kind (or not the forced one)."""
    where = f"sheet {table.sheet!r}: " if table.sheet else ""
    shown = table.headers
    if kind:
        columns = set(map_headers(shown, kind, overrides).values())
        problem = f"missing required column(s) for {kind}: {', '.join(missing_required(kind, columns))}"
    else:
        problem = "not a recognisable export (courses, enrollments, surveys or schools)" + _nearest(shown, overrides)
    return ImportFileError(
        table.file, f"{where}{problem}{candidates}; headers found: {', '.join(repr(h) for h in shown if h)}"
    )


def _header_guess(head: list[tuple[int, list]]) -> int | None:
    """The first row with nearly as many filled cells as the fullest row: title lines have one."""
    filled = [sum(1 for c in cells if text_or_none(c)) for _, cells in head]
    if not filled or max(filled) == 0:
        return None
    need = max(1, int(0.8 * max(filled)))
    return next(i for i, n in enumerate(filled) if n >= need)


def _nearest(headers: list[str], overrides: dict | None) -> str:
    """', nearest: enrollments, missing email' when the headers nearly make one kind."""
    options = []
    for kind in KINDS:
        mapped = set(map_headers(headers, kind, overrides).values())
        missing = missing_required(kind, mapped)
        if len(mapped) >= 2 and len(missing) <= 2:
            options.append((len(missing), -len(mapped), _LIKELIEST.index(kind), kind, missing))
    if not options:
        return ""
    *_, kind, missing = min(options)
    return f"; nearest: {kind}, which needs {' and '.join(missing)}"


def _tool_rows(headers: list[str], header_map: dict[int, str], following: list[tuple[int, list]]) -> int:
    """How many rows under the header are a survey tool's extra header rows, not answers."""
    qualtrics = bool(_QUALTRICS & {norm(h) for h in headers})
    skipped = 0
    for _, cells in following:
        texts = [text_or_none(c) or "" for c in cells]
        if any(t.lstrip().startswith('{"ImportId"') for t in texts):
            skipped += 1
            continue
        marker = qualtrics or any(norm(t) in _SURVEYMONKEY_ROW2 for t in texts)
        if marker and _looks_like_labels(texts, header_map):
            skipped += 1
            continue
        break
    return skipped


def _looks_like_labels(texts: list[str], header_map: dict[int, str]) -> bool:
    """A row of labels has no term that parses and no email address: it cannot be a response."""
    for pos, canonical in header_map.items():
        value = texts[pos] if pos < len(texts) else ""
        if canonical == "term" and parse_term(value):
            return False
        if canonical in ("email", "leader_email") and "@" in value:
            return False
    return True


def _relabel_questions(headers, header_map, labels, kind, overrides) -> None:
    """Qualtrics names columns Q1, Q2... and puts the question text in the next row: use that text."""
    for pos, label in enumerate(labels):
        text = text_or_none(label)
        if pos < len(headers) and pos not in header_map and text and not text.startswith("{"):
            trial = map_headers([text], kind, overrides)
            if trial and trial[0] not in header_map.values():
                headers[pos] = text


def text_or_none(value: object) -> str | None:
    if value is None:
        return None
    text = str(value)
    return text if text.strip() else None
