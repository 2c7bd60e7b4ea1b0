"""Writing a release into the warehouse, in one transaction, and reading its parts back.

Releases are only ever inserted: nothing in the package updates or deletes one, so a release
id always names the same numbers. The tables are those of migration 004_releases.sql.
"""

from __future__ import annotations

import io
import json

import numpy as np
import pandas as pd

from analytics import warehouse
from analytics.disclosure import lp


def to_parquet(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


def from_parquet(data: bytes) -> pd.DataFrame:
    return pd.read_parquet(io.BytesIO(data))


def write_release(con, header: dict, frames, system: lp.System, shown: np.ndarray) -> int:
    """Insert one release (header, frames, model); returns its id. All or nothing."""
    with warehouse.transaction(con) as cursor:
        (release_id,) = cursor.execute("select nextval('release_ids')").fetchone()
        cursor.execute(
            "insert into releases values ($id, $created_at, $as_of, $k, $p, $views, $tables, $n_atoms, "
            "$cells, $withheld, $narrowest, $audit)",
            {**header, "id": release_id, "n_atoms": system.n_atoms},
        )
        for built in frames:
            cursor.execute(
                "insert into release_frames values (?, ?, ?, ?, ?)",
                [release_id, built.view, built.table, to_parquet(built.frame), to_parquet(built.withheld)],
            )
        _write_model(cursor, release_id, frames, system, shown)
    return int(release_id)


def _write_model(cursor, release_id: int, frames, system: lp.System, shown: np.ndarray) -> None:
    n = len(system.published)
    classes = pd.DataFrame(
        {
            "release_id": release_id,
            "class_no": np.arange(n, dtype=np.int64),
            "value": pd.array(np.where(system.published, system.value, np.nan)).astype("Int64"),
            "withheld": ~system.published,
            "shown": shown,
            "present": system.present,
        }
    )
    owner = np.repeat(np.arange(n), np.diff(system.class_ptr))
    atoms = pd.DataFrame({"release_id": release_id, "class_no": owner, "atom_no": system.class_atoms})
    links = pd.DataFrame(
        [
            (release_id, i, int(a), float(c))
            for i, (la, lc) in enumerate(system.links)
            for a, c in zip(la, lc, strict=True)
        ],
        columns=["release_id", "link_no", "atom_no", "coef"],
    )
    cells = pd.DataFrame(
        [(release_id, b.view, b.table, i, col, cls) for b in frames for i, col, cls in b.cells],
        columns=["release_id", "view_id", "table_name", "row_no", "column_name", "class_no"],
    )
    for name, frame in (
        ("release_classes", classes),
        ("release_class_atoms", atoms),
        ("release_links", links),
        ("release_cells", cells),
    ):
        cursor.register("release_part", frame)
        # the table names come from the fixed tuple above
        cursor.execute(f"insert into {name} select * from release_part")  # noqa: S608
        cursor.unregister("release_part")


def read_system(con, release_id: int, n_atoms: int) -> tuple[lp.System, np.ndarray]:
    """The stored model of a release, as the audit reads it, and which classes are shown."""
    cursor = con.cursor()
    try:
        classes = cursor.execute(
            "select class_no, value, withheld, shown, present from release_classes where release_id = ? "
            "order by class_no",
            [release_id],
        ).df()
        atoms = cursor.execute(
            "select class_no, atom_no from release_class_atoms where release_id = ? order by class_no, atom_no",
            [release_id],
        ).fetchnumpy()
        links = cursor.execute(
            "select link_no, atom_no, coef from release_links where release_id = ? order by link_no, atom_no",
            [release_id],
        ).df()
    finally:
        cursor.close()
    n = len(classes)
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.add.at(ptr, np.asarray(atoms["class_no"], dtype=np.int64) + 1, 1)
    system = lp.System(
        n_atoms,
        np.cumsum(ptr),
        np.asarray(atoms["atom_no"], dtype=np.int64),
        ~classes["withheld"].to_numpy(dtype=bool),
        classes["value"].astype("Float64").to_numpy(dtype=np.float64, na_value=np.nan),
        classes["present"].to_numpy(dtype=bool),
        [
            (g["atom_no"].to_numpy(dtype=np.int64), g["coef"].to_numpy(dtype=np.float64))
            for _, g in links.groupby("link_no")
        ],
    )
    return system, classes["shown"].to_numpy(dtype=bool)


def header_json(values) -> str:
    return json.dumps(values, default=str)
