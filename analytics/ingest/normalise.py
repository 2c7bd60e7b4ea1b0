"""Canonical values for the distinct raw values of a command's files of one kind, as the temp table `ing_values`.

A million rows has a few dozen distinct terms, sectors and statuses:
``analytics.vocab`` is applied to those only, and the SQL of each kind joins the
answers back (``field``, ``raw`` -> ``value``, ``label``). A NULL value means
"does not parse" and becomes a rejected row there.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb
import pyarrow as pa

from analytics import vocab
from analytics.ingest.dates import timestamp_text

# field in ing_values -> (columns of ing_src it reads, by kind)
_FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    "term": {"courses": ("term",), "enrollments": ("term",), "surveys": ("term",)},
    "sector": {
        "courses": ("leader_sector", "mentor_sector"),
        "enrollments": ("sector",),
        "schools": ("sector",),
    },
    "category": {"courses": ("category",)},
    "status": {"enrollments": ("status",)},
    "rating": {"surveys": ("rating",)},
    "recommend": {"surveys": ("recommend",)},
    "implement": {"surveys": ("implement",)},
    "lead_interest": {"surveys": ("lead_interest",)},
    # only the texts SQL's ing_ts cannot read (see sql/ingest/datetime_macro.sql)
    "datetime": {"courses": ("start_date",), "enrollments": ("registered_at",), "surveys": ("submitted_at",)},
}


def _parsers(
    sectors: dict[str, str] | None, categories: dict[str, str] | None, statuses: dict[str, str] | None
) -> dict[str, Callable]:
    def term(raw: str) -> tuple[str | None, str | None]:
        parsed = vocab.parse_term(raw)
        return (str(parsed.order), parsed.label) if parsed else (None, None)

    def score(parse: Callable) -> Callable:
        def run(raw: str) -> tuple[str | None, None]:
            value = parse(raw)
            return (None if value in (None, vocab.INVALID) else str(value), None)

        return run

    return {
        "term": term,
        "sector": lambda raw: (vocab.normalise_sector(raw, sectors), None),
        "category": lambda raw: (vocab.normalise_category(raw, categories), None),
        "status": lambda raw: (vocab.normalise_status(raw, statuses), None),
        "datetime": lambda raw: (timestamp_text(raw), None),
        "rating": score(vocab.parse_rating),
        "recommend": score(vocab.parse_recommend),
        "implement": score(vocab.parse_implement),
        "lead_interest": score(vocab.parse_lead_interest),
    }


def stage_values(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    sectors: dict[str, str] | None = None,
    categories: dict[str, str] | None = None,
    statuses: dict[int, dict[str, str]] | None = None,
) -> None:
    """Create ing_values(field, raw, value, label, batch_id) for the distinct values of ing_src.

    Statuses are read per file (``statuses``: batch id -> a layout's own status words), so
    their rows carry the batch; every other field's rows are the same for all files (batch_id NULL).
    Needs the ``ing_ts`` macro (sql/ingest/datetime_macro.sql) for the date columns.
    """
    parsers = _parsers(sectors, categories, None)
    by_batch = {b: _parsers(sectors, categories, words)["status"] for b, words in (statuses or {}).items()}
    fields, raws, values, labels, batches = [], [], [], [], []
    for field, by_kind in _FIELDS.items():
        columns = by_kind.get(kind, ())
        if not columns:
            continue
        # column names come from the fixed table above
        union = " union ".join(
            f"select distinct {'batch_id' if field == 'status' else 'null::integer'} as batch_id, {c} as raw "  # noqa: S608
            f"from ing_src where {c} is not null"
            for c in columns
        )
        if field == "datetime":  # SQL reads most dates itself; parse only the distinct texts it cannot
            union = f"select batch_id, raw from ({union}) where ing_ts(raw) is null"  # noqa: S608
        for batch, raw in con.execute(union).fetchall():
            parse = by_batch.get(batch, parsers[field]) if field == "status" else parsers[field]
            value, label = parse(raw)
            fields.append(field)
            raws.append(raw)
            values.append(value)
            labels.append(label)
            batches.append(batch)
    table = pa.table(
        {
            "field": pa.array(fields, pa.string()),
            "raw": pa.array(raws, pa.string()),
            "value": pa.array(values, pa.string()),
            "label": pa.array(labels, pa.string()),
            "batch_id": pa.array(batches, pa.int32()),
        }
    )
    con.register("ing_values_arrow", table)
    try:
        con.execute("create or replace temp table ing_values as select * from ing_values_arrow")
    finally:
        con.unregister("ing_values_arrow")
