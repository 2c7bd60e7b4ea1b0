"""One command merges all files of a kind at once: the result must be what one command per file gives.

docs/DATA.md, "One command, one transaction": each file stays its own batch. The bulk
merge (analytics/ingest/upsert.py) applies the versions of a key named by several
files in batch order; these tests compare it, table by table and history row by history
row, with loading the same files one command each, and then undo the batches one by one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics import warehouse
from analytics.ingest import ingest_files, undo_batch

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
CATALOG = FIXTURES / "catalog.csv"
SCHOOLS = FIXTURES / "schools.csv"
TABLES = ("schools", "people", "courses", "course_staff", "enrollments", "survey_responses")
KEEP = ("rejected_rows", "import_warnings")


def _write(folder: Path, name: str, lines: list[str]) -> Path:
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _exports(folder: Path) -> list[Path]:
    """Files whose keys overlap: the same people and courses in several files, names and columns differing."""
    first = _write(
        folder,
        "reg_a.csv",
        ["term,course_code,email,full_name,school,sector,status"]
        + [f"Spring 2019,BEC-19S-01,p{i}@a.org,Person {i},Hale Academy,district,enrolled" for i in range(12)]
        + ["Spring 2019,BEC-19S-02,p1@a.org,Person One,Hale Academy,,enrolled", "TBD,BEC-19S-01,x@a.org,X,,,"],
    )
    # no school or sector column: those keep the stored values; status and names change for some
    second = _write(
        folder,
        "reg_b.csv",
        ["term,course_code,email,first_name,last_name,status"]
        + [f"Spring 2019,BEC-19S-01,p{i}@a.org,Person,{i},completed" for i in range(0, 12, 2)]
        + [f"Fall 2019,BEC-19F-01,p{i}@a.org,Person,{i},enrolled" for i in range(8)]
        + ["Spring 2019,BEC-19S-01,p3@a.org,,,withdrawn"],  # no name: rejected, the name is kept
    )
    # a third version of some: sector now given, one name back to the first spelling, repeats in one file
    third = _write(
        folder,
        "reg_c.csv",
        ["term,course_code,email,full_name,school,sector,status"]
        + [f"Spring 2019,BEC-19S-01,p{i}@a.org,Person {i},Hale Academy,charter,completed" for i in range(0, 6)]
        + ["Fall 2019,BEC-19F-01,p9@a.org,Nine,,,enrolled", "Fall 2019,BEC-19F-01,p9@a.org,Nine Again,,,completed"],
    )
    catalog_update = _write(
        folder,
        "catalog_update.csv",
        [
            "term,course_code,course_title,category,leader_email,leader_name,leader_sector",
            "Spring 2019,BEC-19S-01,Math Thinking II,Supporting All Learners,lead1@a.org,Ann Leader,BPS",
            "Spring 2021,BEC-21S-01,New Course,Other,p2@a.org,Person Two,charter",
        ],
    )
    surveys = [
        _write(
            folder,
            f"survey_{n}.csv",
            ["term,course_code,email,submitted_at,rating,recommend,comments"]
            + [
                f"Spring 2019,BEC-19S-01,p{i}@a.org,2019-05-0{1 + i % 5},{1 + (i + n) % 5},{i % 11},ok"
                for i in range(6)
            ]
            + ["Spring 2019,BEC-19S-01,,2019-05-01,5,10,same", "Spring 2019,BEC-19S-01,,2019-05-01,5,10,same"],
        )
        for n in (1, 2)
    ]
    return [SCHOOLS, CATALOG, first, second, catalog_update, third, *surveys]


def _state(con) -> dict:
    """Every canonical and history row, and each batch's counts, keyed by file name (batch ids differ)."""
    names = dict(con.execute("select batch_id, file_name from import_batches").fetchall())
    state = {}
    for table in TABLES:
        for suffix in ("", "_history"):
            rows = con.execute(f"select * from {table}{suffix}").df()
            for column in ("batch_id", "changed_by_batch"):
                if column in rows:
                    rows[column] = rows[column].map(lambda b: names.get(b, b))
            state[table + suffix] = sorted(map(repr, rows.itertuples(index=False)))
    for table in KEEP:
        rows = con.execute(f"select * exclude (batch_id) from {table}").fetchall()
        state[table] = sorted(map(repr, rows))
    state["batches"] = sorted(
        con.execute(
            "select file_name, rows_read, loaded, rejected, inserted, updated, unchanged, skipped_lines, warnings, "
            "undone_at is null from import_batches"
        ).fetchall()
    )
    return state


def _pair(tmp_path: Path):
    files = _exports(tmp_path)
    bulk = warehouse.connect(tmp_path / "bulk.duckdb")
    one_by_one = warehouse.connect(tmp_path / "each.duckdb")
    bulk_results = ingest_files(bulk, files)
    order = {"schools": 0, "courses": 1, "enrollments": 2, "surveys": 3}
    each_results = []
    for path in sorted(files, key=lambda p: order[next(r.kind for r in bulk_results if r.file == p.name)]):
        each_results += ingest_files(one_by_one, [path])
    return bulk, one_by_one, bulk_results, each_results


def test_one_command_equals_one_command_per_file(tmp_path):
    bulk, each, bulk_results, each_results = _pair(tmp_path)
    try:
        assert [r.to_dict() | {"batch_id": 0} for r in bulk_results] == [
            r.to_dict() | {"batch_id": 0} for r in each_results
        ]
        got, expected = _state(bulk), _state(each)
        assert got == expected
        # the files really overlap: the chain path ran, with history rows and per-file updates
        assert len(got["enrollments_history"]) >= 8 and len(got["people_history"]) >= 2
        assert any(r.updated for r in bulk_results if r.kind == "enrollments")
        # names: the no-name row was rejected, the blank never erased a name
        assert bulk.execute("select full_name from people where person_id = 'p3@a.org'").fetchone()[0] == "Person 3"
    finally:
        bulk.close()
        each.close()


def test_undo_after_a_bulk_command_is_exact_batch_by_batch(tmp_path):
    bulk, each, _, _ = _pair(tmp_path)
    try:
        batches = [b for (b,) in bulk.execute("select batch_id from import_batches order by batch_id desc").fetchall()]
        by_name = dict(each.execute("select file_name, batch_id from import_batches").fetchall())
        names = dict(bulk.execute("select batch_id, file_name from import_batches").fetchall())
        states = []
        for batch in batches:  # newest first, so no undo is refused
            undo_batch(bulk, batch)
            undo_batch(each, by_name[names[batch]])
            states.append((_state(bulk), _state(each)))
        for got, expected in states:
            assert {k: v for k, v in got.items() if k != "batches"} == {
                k: v for k, v in expected.items() if k != "batches"
            }
        assert all(not states[-1][0][t] for t in TABLES)  # everything undone: nothing left
    finally:
        bulk.close()
        each.close()


def test_a_file_given_twice_in_one_command_loads_once(con, tmp_path):
    path = _write(tmp_path, "reg.csv", ["term,course_code,email,full_name", "Spring 2019,BEC-19S-01,a@b.org,A B"])
    copy = _write(tmp_path, "reg_copy.csv", path.read_text().splitlines())
    _, first, second = ingest_files(con, [CATALOG, path, copy])
    assert (first.skipped, second.skipped) == (False, True) and second.batch_id == first.batch_id
    assert con.execute("select count(*) from import_batches where kind = 'enrollments'").fetchone()[0] == 1


@pytest.mark.parametrize("repeat", [1, 2])
def test_reimporting_the_whole_command_changes_nothing(con, tmp_path, repeat):
    files = _exports(tmp_path)
    ingest_files(con, files)
    before = _state(con)
    for _ in range(repeat):
        results = ingest_files(con, files)
        assert all(r.skipped for r in results)
    assert _state(con) == before
