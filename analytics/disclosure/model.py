"""Who every published count counts: membership, atoms, and the cell -> atom incidence.

For every view and every funder table, a membership query (``analytics/sql/disclosure``) lists
the units each count cell counts. Units counted by exactly the same cells, across all tables and
all views, form an *atom*: a non-overlapping group whose size is a whole number of at least 0.
Every count of the release is then the sum of its atoms, so every identity between cells (parts
and totals, running totals, a sector view against everyone, cohorts against returning
participants) is in the model without being written down. Cells with the same atoms are the same
number shown twice and form one *class*: one decision (published or withheld) for all of them.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from analytics.disclosure.tables import RELEASE_TABLES
from analytics.disclosure.views import VIEWS, View
from analytics.metrics import layer, marts
from analytics.warehouse import read_sql


@dataclass
class Model:
    """Cells (one row per view, table, row key, count column) and the atoms they sum."""

    cells: pd.DataFrame  # view, table, row_key, measure, kind, value, cls
    n_atoms: int
    atom_size: np.ndarray  # true size of each atom (never stored with a release)
    class_ptr: np.ndarray  # CSR: atoms of class c are class_atoms[class_ptr[c]:class_ptr[c + 1]]
    class_atoms: np.ndarray
    class_value: np.ndarray  # true value of each class
    class_kind: np.ndarray  # 'p', 'e', 's', 'c'
    links: list[tuple[np.ndarray, np.ndarray]]  # (atoms, coefficients): sum = 0 holds for the true sizes

    @property
    def n_classes(self) -> int:
        return len(self.class_value)


def collect_members(con: duckdb.DuckDBPyConnection, views: tuple[View, ...] = VIEWS) -> duckdb.DuckDBPyConnection:
    """A cursor holding temp table ``disclosure_members`` (view_no, table_name, row_key, measure, kind, unit, weight)."""
    fresh = marts.ensure_fresh(con)
    cursor = con.cursor()
    cursor.execute(
        "create or replace temp table disclosure_members (view_no integer, table_name varchar, row_key varchar, "
        "measure varchar, kind varchar, unit ubigint, weight bigint)"
    )
    for name in RELEASE_TABLES:
        sql = read_sql(f"disclosure/{name}.sql")
        # the table name comes from the fixed RELEASE_TABLES, the query text from the package
        insert = f"insert into disclosure_members select $view_no, '{name}', * from ({sql})"  # noqa: S608
        for view_no, view in enumerate(views):
            # the members layer's filters, as the live table's (a view has no term range)
            params = layer.bind(insert, view.filters().params(), fresh=fresh)
            cursor.execute(insert, {"view_no": view_no, **params})
    return cursor


def member_counts(cursor: duckdb.DuckDBPyConnection, views: tuple[View, ...] = VIEWS) -> pd.DataFrame:
    """view, table, row_key, measure, value: each cell's members counted (weights summed)."""
    frame = cursor.execute(
        "select view_no, table_name as table, row_key, measure, sum(weight)::bigint as value "
        "from disclosure_members group by all"
    ).df()
    frame["view"] = [views[i].id for i in frame.pop("view_no")]
    return frame


def build_model(con: duckdb.DuckDBPyConnection, views: tuple[View, ...] = VIEWS) -> tuple[Model, pd.DataFrame]:
    """The model of every count cell of every funder table under every view, and each cell's members
    counted (``member_counts``), from live data."""
    cursor = collect_members(con, views)
    try:
        return _atoms(cursor, views), member_counts(cursor, views)
    finally:
        cursor.close()


def _atoms(cursor: duckdb.DuckDBPyConnection, views: tuple[View, ...]) -> Model:
    cursor.execute(read_sql("disclosure/model/cells.sql"))
    cursor.execute(read_sql("disclosure/model/atoms.sql"))
    cells = cursor.execute(
        "select cell_no, view_no, table_name as table, row_key, measure, kind, value from disclosure_cells "
        "order by cell_no"
    ).df()
    incidence = cursor.execute(
        "select cell_no, atom_no from disclosure_incidence order by cell_no, atom_no"
    ).fetchnumpy()
    sizes = cursor.execute("select atom_no, size from disclosure_atoms order by atom_no").fetchnumpy()
    atom_size = np.asarray(sizes["size"], dtype=np.int64)
    cell_ptr = np.zeros(len(cells) + 1, dtype=np.int64)
    np.add.at(cell_ptr, np.asarray(incidence["cell_no"], dtype=np.int64) + 1, 1)
    cell_ptr = np.cumsum(cell_ptr)
    cell_atoms = np.asarray(incidence["atom_no"], dtype=np.int64)
    # cells with identical atoms are one class
    signatures: dict[bytes, int] = {}
    cls = np.empty(len(cells), dtype=np.int64)
    class_ptr = [0]
    class_atoms: list[np.ndarray] = []
    for i in range(len(cells)):
        atoms = cell_atoms[cell_ptr[i] : cell_ptr[i + 1]]
        key = atoms.tobytes()
        found = signatures.get(key)
        if found is None:
            found = signatures[key] = len(class_atoms)
            class_atoms.append(atoms)
            class_ptr.append(class_ptr[-1] + len(atoms))
        cls[i] = found
    cells["view"] = [views[i].id for i in cells.pop("view_no")]
    cells["cls"] = cls
    flat = np.concatenate(class_atoms) if class_atoms else np.zeros(0, dtype=np.int64)
    ptr = np.asarray(class_ptr, dtype=np.int64)
    value = np.add.reduceat(atom_size[flat], ptr[:-1]) if len(flat) else np.zeros(0, dtype=np.int64)
    kind = np.empty(len(class_atoms), dtype=object)
    kind[cls] = cells["kind"].to_numpy()
    model = Model(cells, len(atom_size), atom_size, ptr, flat, value, kind, [])
    model.links = _course_links(model, views)
    return model


def _course_links(model: Model, views: tuple[View, ...]) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per view: sum over n of n x (people who took n courses) = the view's enrollments, a fact a reader knows.

    It ties people to enrollments (one enrollment per person and course), which atoms of different
    kinds do not: without it, two withheld rows of courses_per_person could be solved exactly.
    """
    cells = model.cells
    links = []
    for view in views:
        mine = cells[cells["view"] == view.id]
        people = mine[(mine["table"] == "courses_per_person") & (mine["measure"] == "people")]
        enrollments = mine[(mine["table"] == "participation_by_term") & (mine["measure"] == "enrollments")]
        if people.empty:
            continue
        coef: dict[int, float] = {}
        for frame, weights in ((people, people["row_key"].astype(int)), (enrollments, -1)):
            for c, w in zip(frame["cls"], np.broadcast_to(weights, len(frame)), strict=True):
                for atom in model.class_atoms[model.class_ptr[c] : model.class_ptr[c + 1]]:
                    coef[int(atom)] = coef.get(int(atom), 0.0) + float(w)
        atoms = np.fromiter(coef, dtype=np.int64)
        values = np.fromiter(coef.values(), dtype=np.float64)
        if int(round(float(values @ model.atom_size[atoms]))) != 0:
            raise RuntimeError(f"courses taken do not add up to the enrollments of view {view.id}")
        links.append((atoms, values))
    return links
