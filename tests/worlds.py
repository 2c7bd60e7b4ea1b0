"""The hand-worked collaborative the metric tests share: every table of it is worked out in the tests."""

from __future__ import annotations

import duckdb
from builders import WarehouseBuilder


def build_small_world(con: duckdb.DuckDBPyConnection) -> WarehouseBuilder:
    """Three terms of a tiny collaborative whose every table is worked out by hand in the tests.

    - lee leads A (Spring 2018) and E (Spring 2019) and never takes part; zed leads E with no
      sector anywhere (so `other`); kim leads B from a charter school (sector from the school).
    - C (Fall 2018) has two leaders of different sectors (ann: district, pat: catholic).
    - bob leads D with no catalog sector and no school: his own latest counting enrollment
      (charter, Fall 2018; his Spring 2019 row is waitlisted) decides.
    - ann is district in Spring 2018 and charter in Fall 2018 (her later registration that term).
    - dan only ever withdrew; eve was waitlisted in Spring 2018, so her first term is Fall 2018.
    - survey: three answers for C (one anonymous), a blank-answered one for D, an anonymous one for A.
    """
    w = WarehouseBuilder(con)
    w.school("Hale Academy", "charter")
    w.school("Cristo Prep", "catholic")
    w.course("Spring 2018", "A", "all_learners", leaders=[("lee@x.org", "district", None)])
    w.course(
        "Spring 2018",
        "B",
        "culturally_proficient",
        leaders=[("kim@x.org", None, "hale  academy")],
        mentors=["mo@x.org"],
    )
    w.course(
        "Fall 2018",
        "C",
        "all_learners",
        leaders=[("ann@x.org", "district", None), ("pat@x.org", "catholic", None)],
        mentors=["mo@x.org"],
    )
    w.course("Fall 2018", "D", "rigorous_curricula", leaders=["bob@x.org"])
    w.course("Spring 2019", "E", "culturally_proficient", leaders=[("lee@x.org", "district", None), "zed@x.org"])

    w.enroll("ann@x.org", "Spring 2018", "A", sector="district", status="completed", school="Trotter School")
    w.enroll(
        "bob@x.org",
        "Spring 2018",
        "A",
        sector="charter",
        status="completed",
        school="Hale Academy",
        registered_at="2018-01-05 09:00",
    )
    w.enroll(
        "bob@x.org",
        "Spring 2018",
        "B",
        sector="charter",
        status="enrolled",
        school="Hale Academy",
        registered_at="2018-01-10 09:00",
    )
    w.enroll("cat@x.org", "Spring 2018", "B", sector="catholic", status="completed", school="Cristo Prep")
    w.enroll("dan@x.org", "Spring 2018", "B", sector="district", status="withdrawn")
    w.enroll("eve@x.org", "Spring 2018", "A", sector="district", status="waitlisted")

    w.enroll(
        "bob@x.org",
        "Fall 2018",
        "C",
        sector="charter",
        status="completed",
        school="Hale Academy",
        registered_at="2018-08-01 09:00",
    )
    w.enroll(
        "ann@x.org",
        "Fall 2018",
        "C",
        sector="district",
        status="completed",
        school="Trotter School",
        registered_at="2018-08-01 09:00",
    )
    w.enroll(
        "ann@x.org",
        "Fall 2018",
        "D",
        sector="charter",
        status="enrolled",
        school="Hale Academy",
        registered_at="2018-08-10 09:00",
    )
    w.enroll(
        "eve@x.org",
        "Fall 2018",
        "D",
        sector="district",
        status="completed",
        school="trotter school",
        registered_at="2018-08-03 09:00",
    )
    w.enroll("dan@x.org", "Fall 2018", "C", sector="district", status="withdrawn")

    w.enroll("cat@x.org", "Spring 2019", "E", sector="catholic", status="completed", school="Cristo Prep")
    w.enroll("fay@x.org", "Spring 2019", "E", sector="independent", status="completed")
    w.enroll("bob@x.org", "Spring 2019", "E", sector="charter", status="waitlisted")

    w.survey("Fall 2018", "C", "bob@x.org", rating=5, recommend=10, implement=5, lead_interest="yes")
    w.survey("Fall 2018", "C", "ann@x.org", rating=4, recommend=6, implement=3, lead_interest="no")
    w.survey("Fall 2018", "C", None, rating=3, recommend=9, implement=4, lead_interest="maybe")
    w.survey("Fall 2018", "D", "eve@x.org", rating=2)
    w.survey("Spring 2018", "A", None, rating=5, recommend=8)
    return w
