"""An import keeps the metric marts fresh in its own transaction, recomputing only what it changed.

After every import of a sequence (new terms, updates of earlier rows, a catalog that changes a
course's strand, surveys, an undo in between), the marts must be exactly what a full rebuild
gives, and already stamped fresh: the first page after an import pays no rebuild.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_ingest_bulk import CATALOG, SCHOOLS, _write

from analytics import warehouse
from analytics.errors import AnalyticsError, ImportFileError
from analytics.ingest import ingest_files, undo_batch
from analytics.metrics import marts

MARTS = tuple(f"mart_{name}" for name in marts.MART_NAMES)


def _marts(con) -> dict:
    return {name: sorted(map(repr, con.execute(f"select * from {name}").fetchall())) for name in MARTS}


def _files(folder: Path) -> list[list[Path]]:
    spring = _write(
        folder,
        "spring.csv",
        ["term,course_code,email,full_name,school,sector,status,registered_at"]
        + [
            f"Spring 2019,BEC-19S-0{1 + i % 2},p{i}@a.org,P {i},Hale Academy,{('district', 'charter')[i % 2]},"
            f"{('enrolled', 'completed', 'withdrawn')[i % 3]},2019-01-0{1 + i % 9} 10:00"
            for i in range(30)
        ],
    )
    fall = _write(  # a later term: some people return (their history grows), some are new
        folder,
        "fall.csv",
        ["term,course_code,email,full_name,school,sector,status"]
        + [f"Fall 2019,BEC-19F-01,p{i}@a.org,P {i},Saint Clare School,,completed" for i in range(20, 45)]
        # the catalog's mentor has no sector of their own there: their staff sector is their enrollment's
        + ["Fall 2019,BEC-19F-01,mentor@c.org,Mo Mentor,Saint Clare School,charter,enrolled"],
    )
    earlier = _write(  # a term before everyone's first: first terms move back, cohorts change
        folder,
        "earlier.csv",
        ["term,course_code,email,full_name,school,sector,status"]
        + [f"Spring 2017,BEC-17S-01,p{i}@a.org,P {i},Hale Academy,catholic,enrolled" for i in range(0, 40, 3)],
    )
    updates = _write(  # the same registrations again with other statuses and sectors
        folder,
        "spring_updated.csv",
        ["term,course_code,email,full_name,sector,status"]
        + [f"Spring 2019,BEC-19S-01,p{i}@a.org,P {i},catholic,completed" for i in range(0, 30, 2)],
    )
    strands = _write(  # a catalog export that moves a course to another strand
        folder,
        "catalog_2.csv",
        [
            "term,course_code,course_title,category,leader_email,leader_name,leader_sector",
            "Spring 2019,BEC-19S-01,Math Thinking,Rigorous Curricula with Rich Content,lead1@a.org,Ann Lead,BPS",
        ],
    )
    surveys = _write(
        folder,
        "survey.csv",
        ["term,course_code,email,rating,recommend"]
        + [f"Fall 2019,BEC-19F-01,p{i}@a.org,{1 + i % 5},{i % 11}" for i in range(20, 40)]
        + ["Spring 2019,BEC-19S-01,,4,9"],
    )
    surveys_again = _write(  # answers given again with other ratings, and a second answer of p20
        folder,
        "survey_2.csv",
        ["term,course_code,email,rating,recommend,lead_interest"]
        + [f"Fall 2019,BEC-19F-01,p{i}@a.org,{5 - i % 5},{i % 11},yes" for i in range(20, 25)]
        + ["Spring 2019,BEC-19S-01,p20@a.org,2,3,no"],
    )
    return [[SCHOOLS, CATALOG, spring], [fall], [earlier], [updates], [strands], [surveys], [surveys_again]]


def test_every_import_leaves_the_marts_as_a_full_rebuild_would(con, tmp_path, monkeypatch):
    paths = []
    real = marts.update_in
    monkeypatch.setattr(
        marts, "update_in", lambda c, b, incremental: paths.append(incremental) or real(c, b, incremental=incremental)
    )
    for step, files in enumerate(_files(tmp_path)):
        ingest_files(con, files)
        stamp, built_from = marts.stamps(con)
        assert stamp == built_from, f"step {step}: the marts are not stamped fresh after the import"
        kept = _marts(con)
        marts.refresh(con)
        assert kept == _marts(con), f"step {step}: incremental marts differ from a full rebuild"
        if step == 2:  # an undo in between: the next import finds stale marts and rebuilds them whole
            batch = con.execute("select max(batch_id) from import_batches").fetchone()[0]
            undo_batch(con, batch)
            ingest_files(con, files)
    assert paths[0] is False  # a new warehouse: built whole
    assert paths.count(True) >= 5  # every later import after a fresh state took the incremental path
    assert sum(len(rows) for rows in _marts(con).values()) > 100


def test_answers_given_to_another_person_by_an_identity_link_move_with_the_marts(con, tmp_path):
    # p21's answer imported again with p21 linked to p30: the answer changes person (its earlier
    # version, in the history, was p21's), so both people's survey rows must be rebuilt.
    files = _files(tmp_path)
    ingest_files(con, files[0])
    ingest_files(con, files[5])
    links = _write(tmp_path, "identity.csv", ["email,same_as_email", "p21@a.org,p30@a.org"])
    again = _write(
        tmp_path, "survey_linked.csv", ["term,course_code,email,rating,recommend", "Fall 2019,BEC-19F-01,p21@a.org,2,9"]
    )
    ingest_files(con, [again], identity_file=links)
    stamp, built_from = marts.stamps(con)
    assert stamp == built_from
    moved = con.execute("select count(*) from survey_responses_history where person_id = 'p21@a.org'").fetchone()[0]
    assert moved > 0  # the import did move answers
    kept = _marts(con)
    marts.refresh(con)
    assert kept == _marts(con)


@pytest.mark.parametrize("role", ["participant", "leader"])
def test_an_import_whose_new_person_shares_a_number_with_a_participant_is_refused(con, tmp_path, role):
    # A hash collision, forged: p1 (a participant only) is stored under the number the newcomer's
    # address will get. Rebuilding the newcomer's rows must not replace p1's rows unseen: the
    # import is refused and leaves everything as it was.
    ingest_files(con, _files(tmp_path)[0])
    con.execute(
        "update mart_participant_terms set person_no = md5_number_lower('newcomer@x.org') where person_id = 'p1@a.org'"
    )
    assert con.execute("select count(*) from mart_participant_terms where person_id = 'p1@a.org'").fetchone()[0] > 0
    if role == "participant":
        lines = [
            "term,course_code,email,full_name,school,sector,status",
            "Spring 2019,BEC-19S-02,newcomer@x.org,New Comer,Hale Academy,charter,enrolled",
        ]
    else:  # a new leader of a course already in the catalog (same strand: the marts are updated, not rebuilt)
        lines = [
            "term,course_code,course_title,category,leader_email,leader_name,leader_sector",
            "Spring 2019,BEC-19S-02,Restorative Circles,Culturally Proficient Strategies,newcomer@x.org,New Comer,BPS",
        ]
    newcomer = _write(tmp_path, f"newcomer_{role}.csv", lines)
    kept = _marts(con)
    (batches,) = con.execute("select count(*) from import_batches").fetchone()
    with pytest.raises(AnalyticsError, match="share an internal number"):
        ingest_files(con, [newcomer])
    assert _marts(con) == kept
    assert con.execute("select count(*) from import_batches").fetchone() == (batches,)
    assert con.execute("select count(*) from people where person_id = 'newcomer@x.org'").fetchone() == (0,)


def test_a_dry_run_and_a_failed_import_leave_the_marts_alone(con, tmp_path):
    first, *_ = _files(tmp_path)
    ingest_files(con, first)
    before = _marts(con), marts.stamps(con)
    bad = _write(tmp_path, "bad.csv", ["nothing,useful", "1,2"])
    ingest_files(
        con,
        [_write(tmp_path, "more.csv", ["term,course_code,email,full_name", "Fall 2019,BEC-19F-01,z@a.org,Z"])],
        dry_run=True,
    )
    with pytest.raises(ImportFileError):  # the refusal's text is tested elsewhere; here only what is left
        ingest_files(con, [bad])
    assert (_marts(con), marts.stamps(con)) == before


def test_a_new_strand_rebuilds_the_marts_whole_and_still_right(con, tmp_path, monkeypatch):
    """Strands are numbered in name order: one that first appears renumbers every person's strand bits."""
    paths = []
    real = marts.update_in
    monkeypatch.setattr(
        marts, "update_in", lambda c, b, incremental: paths.append(incremental) or real(c, b, incremental=incremental)
    )
    header = "term,course_code,course_title,category,leader_email,leader_name,leader_sector"
    first = _write(tmp_path, "c1.csv", [header, "Spring 2019,C-1,One,Rigorous curricula,l@a.org,L,BPS"])
    second = _write(tmp_path, "c2.csv", [header, "Fall 2019,C-2,Two,Supporting all learners,l@a.org,L,BPS"])
    regs = [
        _write(
            tmp_path,
            f"r{n}.csv",
            ["term,course_code,email,full_name"] + [f"{t},{c},p{i}@a.org,P {i}" for i in range(9)],
        )
        for n, (t, c) in enumerate((("Spring 2019", "C-1"), ("Fall 2019", "C-2")))
    ]
    ingest_files(con, [first, regs[0]])
    ingest_files(con, [second, regs[1]])  # 'all_learners' sorts before 'rigorous_curricula': bits move
    kept = _marts(con)
    marts.refresh(con)
    assert kept == _marts(con)
    assert paths == [False, False]


def test_a_full_rebuild_puts_back_the_insertion_order_setting(con):
    """The rebuild lets DuckDB write the marts unordered, then restores what the connection had."""

    def ordered() -> bool:
        return con.execute("select current_setting('preserve_insertion_order')").fetchone()[0]

    ingest_files(con, [CATALOG, SCHOOLS])  # a new warehouse: the marts are built whole in the import
    assert ordered() is True
    con.execute("set preserve_insertion_order = false")
    marts.refresh(con)
    assert ordered() is False
    con.execute("set preserve_insertion_order = true")
    marts.refresh(con)
    assert ordered() is True


def test_a_dashboard_connection_with_its_configuration_locked_rebuilds_in_order(tmp_path):
    """The dashboard's connection may not change settings (warehouse.lock_down): its rebuild keeps the order."""
    path = tmp_path / "locked.duckdb"
    writer = warehouse.connect(path)
    ingest_files(writer, [CATALOG, SCHOOLS])
    writer.close()
    con = warehouse.connect_for_queries(path)
    try:
        assert con.execute("select current_setting('lock_configuration')").fetchone()[0] is True
        marts.refresh(con)
        assert con.execute("select current_setting('preserve_insertion_order')").fetchone()[0] is True
        assert marts.stamps(con)[0] == marts.stamps(con)[1]  # the marts are fresh after the rebuild
    finally:
        con.close()
