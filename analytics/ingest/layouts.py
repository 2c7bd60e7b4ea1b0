"""Saved layouts: a confirmed way of reading one tool's export, found again by its headers.

A layout is saved when a coordinator confirms a file's mapping (the Data page's
form, or ``ingest --accept-mapping``). It is keyed by the header signature, so
the next export with the same headers loads with no question, and named after
the tool that wrote it ("Eventbrite registrations"). It lives in the warehouse
(``import_layouts``), so it travels with a copy of the warehouse file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from analytics.errors import AnalyticsError
from analytics.ingest.headers import norm

KIND_NOUNS = {"courses": "catalog", "enrollments": "registrations", "surveys": "survey", "schools": "schools list"}


@dataclass(frozen=True)
class Layout:
    name: str
    signature: str
    kind: str
    columns: dict[str, str | None]  # their header -> canonical name, None = ignored
    statuses: dict[str, str] = field(default_factory=dict)
    term_from: str | None = None  # "catalog" | "registration dates" | None (a term column)


def tool_of(headers: list[str], footer: str = "") -> str:
    """The tool an export comes from, judged by the columns it always writes."""
    keys = {norm(h) for h in headers}
    first = norm(headers[0]) if headers else ""
    if {"responseid", "recordeddate"} & keys or {"startdate", "enddate", "finished"} <= keys:
        return "Qualtrics"
    if {"respondentid", "collectorid"} & keys:
        return "SurveyMonkey"
    if {"id", "starttime", "completiontime"} <= keys:
        return "Microsoft Forms"
    if {"order", "tickettype"} <= keys or {"attendee", "tickettype"} <= keys or "ordertype" in keys:
        return "Eventbrite"
    if first == "timestamp":
        return "Google Forms"
    if "salesforce" in footer.lower():
        return "Salesforce"
    return "Spreadsheet"


def find_layouts(con: duckdb.DuckDBPyConnection) -> dict[str, Layout]:
    """Every saved layout, by signature."""
    rows = con.execute("select name, signature, kind, columns, statuses, term_from from import_layouts").fetchall()
    return {
        sig: Layout(name, sig, kind, json.loads(columns), json.loads(statuses), term_from)
        for name, sig, kind, columns, statuses, term_from in rows
    }


def save_layout(con: duckdb.DuckDBPyConnection, layout: Layout, tool: str) -> str:
    """Store (or replace, for the same headers) a confirmed layout; returns its name.

    The name is the tool and the kind, numbered when that name is taken by other headers.
    """
    existing = con.execute("select name from import_layouts where signature = $s", {"s": layout.signature}).fetchone()
    if existing:
        name = existing[0]
        con.execute("delete from import_layouts where signature = $s", {"s": layout.signature})
    else:
        base = f"{tool} {KIND_NOUNS[layout.kind]}"
        taken = {r[0] for r in con.execute("select name from import_layouts").fetchall()}
        name, number = base, 2
        while name in taken:
            name, number = f"{base} {number}", number + 1
    con.execute(
        "insert into import_layouts (name, signature, kind, headers, columns, statuses, term_from) "
        "values ($name, $sig, $kind, $headers, $columns, $statuses, $term_from)",
        {
            "name": name,
            "sig": layout.signature,
            "kind": layout.kind,
            "headers": json.dumps(list(layout.columns)),
            "columns": json.dumps(layout.columns),
            "statuses": json.dumps(layout.statuses),
            "term_from": layout.term_from,
        },
    )
    return name


def mark_used(con: duckdb.DuckDBPyConnection, name: str) -> None:
    con.execute(
        "update import_layouts set uses = uses + 1, last_used_at = current_timestamp where name = $n", {"n": name}
    )


def list_layouts(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Saved layouts, oldest first: id, name, kind, columns read (their header -> field), uses."""
    frame = con.execute(
        "select layout_id, name, kind, columns, term_from, uses, created_at, last_used_at "
        "from import_layouts order by layout_id"
    ).df()
    frame["columns"] = [
        ", ".join(f"{h} -> {c or 'ignore'}" for h, c in json.loads(text).items()) for text in frame["columns"]
    ]
    return frame


def remove_layout(con: duckdb.DuckDBPyConnection, which: str) -> str:
    """Remove a layout by id or name; returns its name. AnalyticsError when there is none."""
    row = con.execute(
        "select layout_id, name from import_layouts where name = $w or layout_id::varchar = $w", {"w": str(which)}
    ).fetchone()
    if row is None:
        names = [r[0] for r in con.execute("select name from import_layouts order by layout_id").fetchall()]
        raise AnalyticsError(f"no saved layout {which!r}; saved: {', '.join(names) or 'none'}")
    con.execute("delete from import_layouts where layout_id = $i", {"i": row[0]})
    return row[1]
