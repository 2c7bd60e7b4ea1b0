"""The frames of a release: every funder table under every view, withheld cells blank.

Counts come from the live tables (the metric functions), checked against their modelled members:
a count that its members do not reproduce stops the release. Rates and averages are withheld
with any count they are computed from; a course's mixing index and sectors represented only
where every sector count of the course is released too (they could give those back otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from analytics.disclosure.model import Model
from analytics.disclosure.tables import RELEASE_TABLES, SEP, ReleaseTable
from analytics.disclosure.views import VIEWS, View
from analytics.vocab import parse_term


@dataclass
class BuiltFrame:
    view: str
    table: str
    frame: pd.DataFrame  # as shown: withheld cells NA
    withheld: pd.DataFrame  # bool, same shape
    cells: list[tuple[int, str, int]]  # (row position, count column, class)


def live_frame(con, table: ReleaseTable, view: View, counts: pd.DataFrame) -> pd.DataFrame:
    """The live table under a view; from its members' counts when no metric query defines it yet."""
    if table.live is not None:
        return table.live(con, view.filters()).reset_index(drop=True)
    mine = counts[(counts["view"] == view.id) & (counts["table"] == table.name)]
    wide = mine.pivot_table(index="row_key", columns="measure", values="value", aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=[c for c in table.columns if c not in table.keys], fill_value=0).astype("int64")
    wide = wide[wide.get("participants", 1) > 0].sort_index()
    frame = wide.reset_index().rename(columns={"row_key": table.keys[0]})
    frame[table.keys[0]] = frame[table.keys[0]].astype("str")
    return frame[list(table.columns)]


def _lookup(model: Model) -> dict[tuple[str, str, str, str], int]:
    c = model.cells
    return dict(zip(zip(c["view"], c["table"], c["row_key"], c["measure"], strict=True), c["cls"], strict=True))


def build_frames(
    con: duckdb.DuckDBPyConnection, model: Model, counts: pd.DataFrame, withheld: np.ndarray, hidden: np.ndarray
) -> list[BuiltFrame]:
    classes = _lookup(model)
    mixing_ok = _mixing_released(model, withheld, hidden)
    out = []
    for view in VIEWS:
        for table in RELEASE_TABLES.values():
            if not table.offered(view.id):
                continue
            frame = live_frame(con, table, view, counts)
            out.append(_protect_frame(view, table, frame, classes, model, withheld, mixing_ok))
    return out


def _mixing_released(model: Model, withheld: np.ndarray, hidden: np.ndarray) -> set[str]:
    """Course row keys whose every sector count is released (hidden inputs published)."""
    cells = model.cells
    mine = cells[(cells["table"] == "course_mix") & cells["view"].astype("str").str.startswith("sector:")]
    ok = set()
    for row_key, classes in mine.groupby("row_key")["cls"]:
        if not withheld[classes.to_numpy()].any():
            ok.add(row_key)
    return ok


def _protect_frame(view, table, frame, classes, model, withheld, mixing_ok) -> BuiltFrame:
    mask = pd.DataFrame(False, index=frame.index, columns=frame.columns)
    keys = table.row_keys(frame)
    cells = []
    for col in table.counts:
        values = frame[col].to_numpy()
        for i, row_key in enumerate(keys):
            model_key = table.alias(row_key, col) if table.alias else row_key
            cls = classes.get((view.id, table.name, model_key, col))
            if cls is None:
                if values[i] != 0:
                    raise RuntimeError(f"{table.name} ({view.id}) {row_key!r} {col}: {values[i]} has no members")
                continue
            if model.class_value[cls] != values[i]:
                raise RuntimeError(
                    f"{table.name} ({view.id}) {row_key!r} {col}: live {values[i]}, members {model.class_value[cls]}"
                )
            cells.append((i, col, int(cls)))
            if withheld[cls]:
                mask.iat[i, frame.columns.get_loc(col)] = True
    for col, sources in table.derived.items():
        mask[col] = mask[col] | mask[list(sources)].any(axis=1)
    if table.name == "course_mix" and not view.id.startswith("sector:"):
        hidden_out = np.array([k not in mixing_ok for k in keys], dtype=bool)
        for col in ("mixing_index", "sectors_represented"):
            mask[col] = mask[col] | hidden_out
    shown = frame.copy()
    for col in frame.columns:
        if col in table.keys:
            continue
        if col in table.counts or pd.api.types.is_integer_dtype(frame[col]):
            shown[col] = frame[col].astype("Int64").mask(mask[col])
        else:
            shown[col] = frame[col].astype("Float64").mask(mask[col] | frame[col].isna())
    return BuiltFrame(view.id, table.name, shown, mask, cells)


def zoom(frame: pd.DataFrame, table: ReleaseTable, term_from=None, term_to=None) -> pd.DataFrame:
    """Rows whose term (cohort, school year) lies in the range: a zoom, never a new number."""
    if (term_from is None and term_to is None) or table.term_column is None or frame.empty:
        return frame
    low = _order(term_from, start=True)
    high = _order(term_to, start=False)
    orders = frame[table.term_column].map(lambda v: _order(v, start=True))
    ends = frame[table.term_column].map(lambda v: _order(v, start=False))
    keep = pd.Series(True, index=frame.index)
    if low is not None:
        keep &= ends >= low
    if high is not None:
        keep &= orders <= high
    return frame[keep].reset_index(drop=True)


def _order(value, *, start: bool) -> int | None:
    """A term's order; a school year '2019-20' spans Summer 2019 to Spring 2020."""
    if value is None:
        return None
    if hasattr(value, "order"):
        return value.order
    text = str(value)
    if len(text) == 7 and text[4] == "-" and text[:4].isdigit():
        year = int(text[:4])
        return year * 10 + 3 if start else (year + 1) * 10 + 2
    term = parse_term(text)
    return term.order if term else None


__all__ = ["SEP", "BuiltFrame", "build_frames", "live_frame", "zoom"]
