"""Mapping files: a user's own header names and spellings (`--mapping FILE`, TOML).

[columns]
"Participant E-mail" = "email"
[sectors]
"Archdiocesan school" = "catholic"
[categories]
"Equity strand" = "culturally_proficient"
[statuses]
"Transferred" = "withdrawn"

A mapping file wins over a saved layout, a synonym and a proposal.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from analytics.errors import AnalyticsError
from analytics.ingest.headers import CANONICAL
from analytics.vocab import CATEGORIES, SECTORS, STATUSES


@dataclass(frozen=True)
class Mapping:
    columns: dict[str, str] = field(default_factory=dict)
    sectors: dict[str, str] = field(default_factory=dict)
    categories: dict[str, str] = field(default_factory=dict)
    statuses: dict[str, str] = field(default_factory=dict)


def load_mapping(source: str | os.PathLike | dict | Mapping | None) -> Mapping:
    """A Mapping from a TOML file path, a dict of the same shape, or nothing."""
    if source is None:
        return Mapping()
    if isinstance(source, Mapping):
        return source
    name = "mapping"
    if isinstance(source, dict):
        data = source
    else:
        name = str(source)
        try:
            data = tomllib.loads(Path(source).read_text(encoding="utf-8-sig"))
        except FileNotFoundError:
            raise AnalyticsError(f"{name}: mapping file not found") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise AnalyticsError(f"{name}: not a valid TOML mapping file ({exc})") from None
    unknown = set(data) - {"columns", "sectors", "categories", "statuses"}
    if unknown:
        raise AnalyticsError(
            f"{name}: unknown section(s) {', '.join(sorted(unknown))}; use [columns], [sectors], [categories], [statuses]"
        )
    sections = {}
    for section, valid in (
        ("columns", CANONICAL),
        ("sectors", SECTORS),
        ("categories", CATEGORIES),
        ("statuses", STATUSES),
    ):
        entries = data.get(section, {})
        if not isinstance(entries, dict):
            raise AnalyticsError(f'{name}: [{section}] must be a table of "text" = "value" lines')
        for key, value in entries.items():
            if value not in valid:
                raise AnalyticsError(
                    f"{name}: [{section}] {key!r} = {value!r}: {value!r} is not one of {', '.join(sorted(valid))}"
                )
        sections[section] = {str(k): str(v) for k, v in entries.items()}
    return Mapping(**sections)
