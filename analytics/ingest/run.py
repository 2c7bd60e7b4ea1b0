"""One import command: read every file, plan each table, load them all in one transaction.

Every file is read first (an unreadable one stops the command before anything
is written). Then, inside one transaction: catalogs and schools lists are
planned and loaded, then the other tables are planned (each file's sample is
matched against the warehouse as it is then, so a registration export meets the
catalog given in the same command), and the
other tables are planned and loaded in docs/DATA.md's order, all files of one
kind together (``load.load_kind``: one pass of checking and one merge per table). Any file that cannot be
placed, or that needs a decision nobody confirmed, rolls the whole command back:
every file is loaded, or none. Each table is still its own batch, undoable alone.
"""

from __future__ import annotations

import duckdb

from analytics.errors import ImportFileError
from analytics.ingest.evidence import Known, sampled_values
from analytics.ingest.headers import LOAD_ORDER
from analytics.ingest.layouts import Layout, find_layouts, mark_used, save_layout
from analytics.ingest.load import LoadItem, load_kind
from analytics.ingest.locate import RawTable
from analytics.ingest.mapping import Mapping
from analytics.ingest.plan import Plan, plan_table
from analytics.ingest.result import ImportResult
from analytics.ingest.stage import json_keys

_CATALOGS = ("schools", "courses")
_DEFERRED = ("enrollments", "surveys")  # kinds that name catalog courses: planned after the catalogs load


def already_loaded(con: duckdb.DuckDBPyConnection, table: RawTable, kind: str) -> ImportResult | None:
    """The result of a file whose exact content is already loaded (batch not undone), else None."""
    row = con.execute(
        "select batch_id, rows_read, loaded, rejected, skipped_lines from import_batches "
        "where content_hash = $h and kind = $k and undone_at is null order by batch_id desc limit 1",
        {"h": table.content_hash, "k": kind},
    ).fetchone()
    if row is None:
        return None
    batch_id, *counts = row
    return ImportResult.loaded_before(table.file, table.sheet, kind, batch_id, tuple(counts))


def _repeat(first: ImportResult, table: RawTable) -> ImportResult:
    """A file given twice in one command: the second is already loaded, by the first."""
    counts = (first.rows_read, first.loaded, first.rejected, first.skipped_lines)
    return ImportResult.loaded_before(table.file, table.sheet, first.kind, first.batch_id, counts)


class Command:
    """The options of one import command, and the planning and loading of its tables."""

    def __init__(self, con, mapping: Mapping, overrides: dict, *, kind=None, term=None, accept=False, confirmed=None):
        self.con = con
        self.mapping = mapping
        self.overrides = overrides
        self.kind = kind
        self.term = term
        self.accept = accept
        self.confirmed = confirmed or {}  # table label -> {header key: canonical or None}, from the Data page
        self.layouts: dict[str, Layout] = {}
        self.known: Known | None = None  # what the warehouse holds of the tables about to be planned

    def refresh(self, tables: list[RawTable] = ()) -> None:
        """Read the saved layouts, and what the warehouse holds of these tables' samples (one query for all)."""
        self.layouts = find_layouts(self.con)
        values = set().union(*(sampled_values(t.extra.get("sample") or []) for t in tables))
        self.known = Known.for_values(self.con, values) if tables else None

    def plan(self, table: RawTable) -> Plan:
        """The table's plan, its sample matched against the warehouse as last refreshed (or as it is now)."""
        confirmed = self.confirmed.get(table.label)
        sample = table.extra.get("sample") or []
        return plan_table(
            table,
            sample,
            self.known or Known.for_values(self.con, sampled_values(sample)),
            kind=self.kind,
            user_columns=self.mapping.columns,
            layouts=self.layouts,
            term_text=self.term,
            confirmed=confirmed,
            statuses=self.mapping.statuses,
        )

    def run(self, tables: list[RawTable], *, dry_run: bool = False, keep_staging: bool = False) -> list[ImportResult]:
        """Plan and load every table (the caller holds the transaction)."""
        self.refresh([t for t in tables if t.kind not in _DEFERRED])
        first, later = [], []
        for table in tables:
            if table.kind in _DEFERRED:  # its headers say so: planned once the catalog is in
                later.append(table)
                continue
            try:
                plan = self.plan(table)
            except ImportFileError:
                later.append(table)  # perhaps it needs the catalog of this same command
                continue
            if plan.kind in _CATALOGS:
                first.append((table, plan))
            else:
                later.append(table)
        results = self.load_all(first, dry_run, keep_staging)
        self.refresh(later)  # what the warehouse holds of their samples, the catalog just loaded included
        planned, failed = [], {}
        for table in later:
            try:
                planned.append((table, self.plan(table)))
            except ImportFileError as exc:
                if not table.extra.get("optional"):
                    raise
                failed.setdefault(table.file, exc)
        loaded_files = {t.file for t, _ in planned} | {t.file for t, _ in first}
        for name, exc in failed.items():
            if name not in loaded_files:
                raise exc  # no sheet of this workbook is an export
        return results + self.load_all(planned, dry_run, keep_staging)

    def load_all(self, pairs: list[tuple[RawTable, Plan]], dry_run: bool, keep_staging: bool = False):
        """Load planned tables in docs/DATA.md's order, each kind in one pass; one result per table, in that order."""
        pairs = sorted(pairs, key=lambda pair: LOAD_ORDER[pair[1].kind])
        for table, plan in pairs:
            if plan.decisions and not (self.accept or table.label in self.confirmed or dry_run):
                raise ImportFileError(
                    table.label,
                    f"needs a decision before it loads, as {plan.kind}: {'; '.join(plan.decisions)}. "
                    "To take this proposal run again with --accept-mapping (it is then saved as a layout), "
                    "or confirm it column by column on the Data page",
                )
        results: list[ImportResult | None] = [already_loaded(self.con, t, p.kind) for t, p in pairs]
        first_of: dict[tuple[str, str], int] = {}  # the same content twice in one command loads once
        for kind in sorted({p.kind for _, p in pairs}, key=LOAD_ORDER.get):
            todo = []
            for i, (table, plan) in enumerate(pairs):
                if plan.kind != kind or results[i] is not None:
                    continue
                if (table.content_hash, kind) in first_of:
                    continue
                first_of[(table.content_hash, kind)] = i
                todo.append(i)
            for i, result in zip(todo, self._load_kind(kind, [pairs[i] for i in todo], keep_staging), strict=True):
                results[i] = result
        for i, (table, plan) in enumerate(pairs):
            if results[i] is None:  # a repeat of a file loaded earlier in this same command
                results[i] = _repeat(results[first_of[(table.content_hash, plan.kind)]], table)
        done = [r for r in results if r is not None]
        for (table, plan), result in zip(pairs, done, strict=True):
            self._finish(result, table, plan)
        return done

    def _load_kind(self, kind: str, pairs: list[tuple[RawTable, Plan]], keep_staging: bool) -> list[ImportResult]:
        if not pairs:
            return []
        items = [self.item(table, plan) for table, plan in pairs]
        try:
            return load_kind(
                self.con,
                kind,
                items,
                sectors=self.mapping.sectors,
                categories=self.mapping.categories,
                overrides=self.overrides,
                keep_staging=keep_staging,
            )
        except duckdb.Error as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            names = ", ".join(t.label for t, _ in pairs)
            raise ImportFileError(names, f"could not be loaded, nothing was written ({first})") from exc

    def item(self, table: RawTable, plan: Plan) -> LoadItem:
        """What loading needs of a planned table."""
        term = plan.file_term.term.label if plan.file_term else None
        return LoadItem(table, plan.header_map, term, {**plan.statuses, **self.mapping.statuses})

    def _finish(self, result: ImportResult, table: RawTable, plan: Plan) -> None:
        self._describe(result, table, plan)
        confirmed = table.label in self.confirmed
        if (self.accept or confirmed) and plan.layout is None:  # a confirmed reading is kept for the next file
            result.saved_layout = save_layout(self.con, self._layout(table, plan), plan.tool)
        if plan.layout:
            mark_used(self.con, plan.layout)
        if not result.skipped:
            self.con.execute(
                "update import_batches set layout = $l, term_source = $t where batch_id = $b",
                {"l": plan.layout or result.saved_layout, "t": plan.term_source, "b": result.batch_id},
            )

    def _layout(self, table: RawTable, plan: Plan) -> Layout:
        keys = json_keys(table.extra.get("raw_headers", table.headers))
        columns = {key: plan.choices[pos].to if pos in plan.choices else None for pos, key in enumerate(keys)}
        term_from = None
        if plan.file_term and plan.file_term.source != "--term":
            term_from = plan.file_term.source
        return Layout("", plan.signature, plan.kind, columns, {**plan.statuses, **self.mapping.statuses}, term_from)

    @staticmethod
    def _describe(result: ImportResult, table: RawTable, plan: Plan) -> None:
        headers = json_keys(table.headers)
        result.mapping = {headers[pos]: choice.to_dict() for pos, choice in plan.choices.items() if pos < len(headers)}
        result.ignored = [
            headers[pos]
            for pos, c in plan.choices.items()
            if not c.to and table.headers[pos : pos + 1] and table.headers[pos].strip()
        ]
        if plan.file_term:
            result.term, result.term_source, result.term_evidence = (
                plan.file_term.term.label,
                plan.file_term.source,
                plan.file_term.evidence,
            )
        elif plan.term_source == "column":
            result.term_source = "column"
        result.layout = plan.layout
        result.decisions = list(plan.decisions)
        skipped = table.extra.get("skipped", [])
        if result.skipped and not result.skipped_texts:
            result.skipped_texts = [{"line": line, "text": text} for line, text in skipped]
