"""Deciding how to read one table: its kind, every column, its term, and what needs confirming.

``plan_table`` tries the kinds (the forced one, a saved layout's, else courses,
surveys, enrollments, schools) and takes the first whose required columns are
all placed, counting a term for the whole file as a term column. What was
decided from a proposal (a column, or the file's term) is listed in
``Plan.decisions``: such a file loads only once that is confirmed
(``--accept-mapping``, the Data page's form) or a saved layout says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from analytics import vocab
from analytics.errors import ImportFileError
from analytics.ingest.evidence import Known, value_fit
from analytics.ingest.file_term import FileTerm, given_term, propose_term
from analytics.ingest.headers import NOT_SCHOOLS, map_headers, missing_required, norm
from analytics.ingest.layouts import Layout, tool_of
from analytics.ingest.locate import RawTable
from analytics.ingest.propose import Choice, header_signature, place_columns, words_suggest
from analytics.ingest.stage import json_keys

_ORDER = ("courses", "surveys", "enrollments", "schools")
_LIKELIEST = ("enrollments", "surveys", "courses", "schools")  # ties in error hints go to the commonest export
SAMPLES_SHOWN = 5


class NeedsTermError(ImportFileError):
    """Everything is placed but the term: no term column, and no unambiguous proposal (``--term`` settles it)."""


@dataclass
class Plan:
    kind: str
    choices: dict[int, Choice]
    file_term: FileTerm | None
    signature: str
    tool: str
    layout: str | None = None  # name of the saved layout used
    decisions: list[str] = field(default_factory=list)  # what a person must confirm
    statuses: dict[str, str] = field(default_factory=dict)

    @property
    def header_map(self) -> dict[int, str]:
        return {pos: c.to for pos, c in self.choices.items() if c.to}

    @property
    def term_source(self) -> str | None:
        if "term" in self.header_map.values():
            return "column"
        return self.file_term.source if self.file_term else None


def column_values(rows: list[tuple[int, list]], width: int) -> list[list[str]]:
    """Each column's non-blank sampled values, trimmed."""
    columns: list[list[str]] = [[] for _ in range(width)]
    for _, cells in rows:
        for pos in range(min(width, len(cells))):
            value = cells[pos]
            if value is not None and str(value).strip():
                columns[pos].append(str(value).strip())
    return columns


def _fixed(table: RawTable, user: dict[str, str], layout: Layout | None, confirmed: dict | None) -> dict[int, Choice]:
    fixed: dict[int, Choice] = {}
    raw = table.extra.get("raw_headers", table.headers)
    keys = json_keys(raw)
    if layout is not None:
        for pos, key in enumerate(keys):
            if key in layout.columns:
                fixed[pos] = Choice(layout.columns[key], f"saved layout {layout.name!r}", 1.0, "layout")
    if confirmed is not None:
        for pos, key in enumerate(keys):
            if key in confirmed:
                fixed[pos] = Choice(confirmed[key], "confirmed on the Data page", 1.0, "confirmed")
    by_norm = {norm(k): v for k, v in user.items()}
    for pos, header in enumerate(table.headers):
        for name in {header, raw[pos] if pos < len(raw) else header}:
            if norm(name) in by_norm:
                fixed[pos] = Choice(by_norm[norm(name)], "your mapping file says so", 1.0, "mapping")
    return fixed


def _looks_personal(table: RawTable, columns: list[list[str]], known: Known) -> bool:
    """Rows about people or courses (a registration export) are never a schools list."""
    if NOT_SCHOOLS & set(map_headers(table.headers, None).values()):
        return True
    return any(values and value_fit("email", values, known).share >= 0.8 for values in columns)


def _file_term(kind, choices, columns, known, term_text, file) -> tuple[FileTerm | None, str]:
    if kind == "schools" or any(c.to == "term" for c in choices.values()):
        return None, ""
    if term_text:
        return given_term(term_text, file), ""
    courses = {c.to: columns[p] for p, c in choices.items() if c.to in ("course_code", "course_title")}
    dates = next((columns[p] for p, c in choices.items() if c.to == "registered_at"), [])
    return propose_term(kind, courses, dates, known)


def plan_table(
    table: RawTable,
    rows: list[tuple[int, list]],
    known: Known,
    *,
    kind: str | None = None,
    user_columns: dict[str, str] | None = None,
    layouts: dict[str, Layout] | None = None,
    term_text: str | None = None,
    confirmed: dict | None = None,
    statuses: dict[str, str] | None = None,
) -> Plan:
    """The plan for a table, or ImportFileError naming what no column supplies (and the candidates)."""
    raw = table.extra.get("raw_headers", table.headers)
    signature = header_signature(raw)
    layout = (layouts or {}).get(signature)
    fixed = _fixed(table, user_columns or {}, layout, confirmed)
    width = max(len(table.headers), *(len(cells) for _, cells in rows)) if rows else len(table.headers)
    headers = table.headers + [""] * (width - len(table.headers))
    columns = column_values(rows, width)
    questions = table.extra.get("questions", {})
    kinds = [kind] if kind else ([layout.kind] if layout else list(_ORDER))
    attempts, memo = [], {}
    for candidate in kinds:
        if candidate == "schools" and not kind and _looks_personal(table, columns, known):
            continue
        choices = place_columns(candidate, headers, questions, columns, fixed, known, memo)
        file_term, why = _file_term(candidate, choices, columns, known, term_text, table.label)
        placed = {c.to for c in choices.values() if c.to} | ({"term"} if file_term else set())
        missing = missing_required(candidate, placed)
        if not missing:
            return _finish(table, candidate, choices, file_term, signature, layout, rows, statuses or {})
        attempts.append((len(missing), -len(placed), _LIKELIEST.index(candidate), candidate, missing, choices, why))
    refusal = _refusal(table, kind, attempts, headers, columns, known)
    if attempts and min(attempts, key=lambda a: a[:3])[4] == ["term"]:
        raise NeedsTermError(refusal.file, refusal.problem)
    raise refusal


def _finish(table, kind, choices, file_term, signature, layout, rows, statuses) -> Plan:
    footer = " ".join(text for _, text in table.extra.get("skipped", []))
    plan = Plan(kind, choices, file_term, signature, tool_of(table.extra.get("raw_headers", table.headers), footer))
    if layout is not None:
        plan.layout = layout.name
        plan.statuses = dict(layout.statuses)
    _status_words(plan, rows, {**plan.statuses, **statuses})
    for pos, choice in choices.items():
        header = table.headers[pos] if pos < len(table.headers) else ""
        if choice.source == "proposal":
            what = f"read as {choice.to}" if choice.to else "ignored"
            plan.decisions.append(f"{header!r} {what} ({choice.evidence}; confidence {choice.confidence:.2f})")
    if file_term and file_term.source != "--term":
        allowed = layout is not None and layout.term_from and file_term.source.startswith(layout.term_from[:7])
        if not allowed:
            plan.decisions.append(
                f"term {file_term.term.label} for every row (from the {file_term.source}: {file_term.evidence})"
            )
    return plan


def _status_words(plan: Plan, rows: list[tuple[int, list]], known: dict[str, str]) -> None:
    """A tool's own status words: proposed from a known word they contain (kept in the layout), else rejected."""
    pos = next((p for p, c in plan.choices.items() if c.to == "status"), None)
    if pos is None:
        return
    seen = dict.fromkeys(str(cells[pos]).strip() for _, cells in rows if pos < len(cells) and cells[pos])
    for word in seen:
        if not word or vocab.normalise_status(word, known) is not None:
            continue
        proposal = vocab.propose_status(word)
        if proposal:
            plan.statuses[word] = proposal[0]
            plan.decisions.append(f"status {word!r} read as {proposal[0]} (it says {proposal[1]!r})")


def _refusal(table, kind, attempts, headers, columns, known) -> ImportFileError:
    where = f"sheet {table.sheet!r}: " if table.sheet else ""
    shown = ", ".join(repr(h) for h in table.headers if h)
    if not attempts:
        return ImportFileError(table.file, f"{where}not a recognisable export; headers found: {shown}")
    attempts.sort(key=lambda a: a[:3])
    _, placed_count, _, nearest, missing, choices, why = attempts[0]
    if kind:
        problem = f"missing required column(s) for {kind}: {', '.join(missing)}"
    elif -placed_count >= 2 and len(missing) <= 2:
        problem = "not a recognisable export (courses, enrollments, surveys or schools)"
        problem += f"; nearest: {nearest}, which needs {' and '.join(missing)}"
    else:
        problem = "not a recognisable export (courses, enrollments, surveys or schools)"
    hints = [_candidates(need, choices, headers, columns, known, why) for need in missing]
    hint = "".join(f"; {h}" for h in hints if h)
    return ImportFileError(table.file, f"{where}{problem}{hint}; headers found: {shown}")


def _candidates(need: str, choices, headers, columns, known, why: str) -> str:
    if need == "term":
        return f"term: {why}; give one with --term" if why else ""
    names = [n.strip() for n in need.replace("(or", "or").replace(")", "").split(" or ") if n.strip()]
    names = [n.split(" and ")[0].replace("one of ", "").split(",")[0].strip() for n in names]
    found = []
    for pos, choice in choices.items():
        if choice.to or not columns[pos]:
            continue
        for name in names:
            fit = value_fit(name, columns[pos], known)
            if fit and fit.share > 0 or name in words_suggest(headers[pos]):
                detail = fit.evidence if fit else "its header suggests it"
                found.append(f"{headers[pos]!r} ({detail})")
                break
    if not found:
        return f"no column looks like {names[0]}" if names else ""
    return f"candidates for {names[0]}: {', '.join(found[:3])}"


def samples(rows: list[tuple[int, list]], pos: int) -> list[str]:
    """Up to five distinct non-blank values of a column, in file order (shown beside each choice)."""
    seen: list[str] = []
    for _, cells in rows:
        value = cells[pos] if pos < len(cells) else None
        if value is not None and str(value).strip() and str(value).strip() not in seen:
            seen.append(str(value).strip())
            if len(seen) == SAMPLES_SHOWN:
                break
    return seen
