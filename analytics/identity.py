"""Who is who: an email identifies a person; an overrides file merges two addresses of one person.

`data/identity_overrides.csv` has the header ``email,same_as_email``: each row
says the first address belongs to the person known by the second. Chains
(a -> b -> c) resolve to the end of the chain. The file is read at import time;
``ANALYTICS_IDENTITY`` (or an explicit path) points at another one.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import duckdb
import pandas as pd

from analytics.errors import AnalyticsError
from analytics.warehouse import REPO_ROOT, read_sql

DEFAULT_OVERRIDES = REPO_ROOT / "data" / "identity_overrides.csv"


def overrides_path(explicit: str | os.PathLike | None = None) -> Path:
    """The overrides file chosen by argument, environment, or default."""
    return Path(explicit or os.environ.get("ANALYTICS_IDENTITY") or DEFAULT_OVERRIDES)


def load_overrides(path: str | os.PathLike | None = None) -> dict[str, str]:
    """email -> the email that identifies its person (both trimmed, lower-cased).

    A missing file means no overrides. A malformed one is an AnalyticsError
    naming the file and line, because silently ignoring it would split people.
    """
    location = overrides_path(path)
    if not location.exists():
        return {}
    text = location.read_text(encoding="utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in next(reader, [])]
    if header[:2] != ["email", "same_as_email"]:
        raise AnalyticsError(
            f"{location}: line 1: expected the header 'email,same_as_email', found {','.join(header)!r}"
        )
    links: dict[str, str] = {}
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        line = reader.line_num
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            raise AnalyticsError(f"{location}: line {line}: needs two addresses, 'email,same_as_email'")
        email, same = row[0].strip().lower(), row[1].strip().lower()
        for address in (email, same):
            if "@" not in address:
                raise AnalyticsError(f"{location}: line {line}: {address!r} is not an email address")
        if email != same:
            links[email] = same
    return _resolve(links)


def _resolve(links: dict[str, str]) -> dict[str, str]:
    """Follow chains to their end; a cycle resolves to its alphabetically first address."""
    resolved: dict[str, str] = {}
    for start in links:
        seen = [start]
        current = start
        while current in links and links[current] not in seen:
            current = links[current]
            seen.append(current)
        if current in links:  # stopped by a cycle
            cycle = seen[seen.index(links[current]) :]
            current = min(cycle)
        resolved[start] = current
    return {email: person for email, person in resolved.items() if email != person}


def stage_identity(con: duckdb.DuckDBPyConnection, overrides: dict[str, str]) -> None:
    """Temp table ing_identity(email, person_id) that import SQL joins to resolve people."""
    con.execute("create or replace temp table ing_identity (email varchar primary key, person_id varchar not null)")
    if overrides:
        con.executemany("insert into ing_identity values (?, ?)", sorted(overrides.items()))


def possible_duplicates(con: duckdb.DuckDBPyConnection, limit: int | None = None) -> pd.DataFrame:
    """People who share a normalised name under different emails, for a coordinator to review.

    Columns: name_key, person_id, full_name, enrollments, first_term, last_term, group_size;
    ordered by name, then email. ``limit``: only the first so many (a page shows a part of a long list).
    """
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be 0 or more, not {limit}")
    return con.execute(read_sql("ingest/possible_duplicates.sql"), {"limit": limit}).df()


def possible_duplicate_count(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """(people, names): how many people ``possible_duplicates`` lists in all, under how many shared names."""
    people, names = con.execute(read_sql("ingest/possible_duplicates_count.sql")).fetchone()
    return int(people), int(names)
