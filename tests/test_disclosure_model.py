"""The membership model reproduces every live funder table, under every view."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings

from analytics.disclosure.model import build_model
from tests.builders import WarehouseBuilder
from tests.disclosure_support import membership_mismatches
from tests.strategies import planned_warehouse, warehouses
from tests.worlds import build_small_world


def test_members_reproduce_every_live_table_on_the_small_world(con):
    build_small_world(con)
    assert membership_mismatches(con) == []


def test_every_count_is_the_sum_of_its_atoms(con):
    build_small_world(con)
    model, _ = build_model(con)
    for cls, value in zip(model.cells["cls"], model.cells["value"], strict=True):
        atoms = model.class_atoms[model.class_ptr[cls] : model.class_ptr[cls + 1]]
        assert model.atom_size[atoms].sum() == value
    assert (model.atom_size >= 1).all()


def test_identities_between_tables_share_atoms(con):
    """A term's sector rows partition its participants: their atoms are disjoint and cover the total."""
    build_small_world(con)
    model, _ = build_model(con)
    cells = model.cells[model.cells["view"] == "all"]

    def atoms(table, row_key, measure):
        (cls,) = cells[(cells["table"] == table) & (cells["row_key"] == row_key) & (cells["measure"] == measure)]["cls"]
        return set(model.class_atoms[model.class_ptr[cls] : model.class_ptr[cls + 1]].tolist())

    total = atoms("participation_by_term", "Fall 2018", "participants")
    parts = [atoms("participation_by_sector", f"Fall 2018\x1f{s}", "participants") for s in ("charter", "district")]
    assert parts[0].isdisjoint(parts[1]) and parts[0] | parts[1] == total
    # leader_pipeline's participants are participation_by_term's: the same number, one class
    (a,) = cells[
        (cells["table"] == "leader_pipeline") & (cells["row_key"] == "Fall 2018") & (cells["measure"] == "participants")
    ]["cls"]
    (b,) = cells[
        (cells["table"] == "participation_by_term")
        & (cells["row_key"] == "Fall 2018")
        & (cells["measure"] == "participants")
    ]["cls"]
    assert a == b


def test_courses_taken_link_people_to_enrollments(con):
    build_small_world(con)
    model, _ = build_model(con)
    assert model.links, "one link per view with people"
    for atoms, coefs in model.links:
        assert float(coefs @ model.atom_size[atoms]) == 0
        assert (coefs > 0).any() and (coefs < 0).any()


def test_members_with_two_sector_leaders_and_school_years(con):
    w = WarehouseBuilder(con)
    w.course(
        "Summer 2019",
        "S",
        "rigorous_curricula",
        leaders=[("l1@x.org", "charter", None), ("l2@x.org", "district", None)],
    )
    w.course("Spring 2020", "T", "all_learners", leaders=["l1@x.org"], mentors=["m@x.org"])
    for i in range(4):
        w.enroll(f"a{i}@x.org", "Summer 2019", "S", sector="charter" if i % 2 else "catholic", school=f"S{i % 2}")
        w.enroll(f"a{i}@x.org", "Spring 2020", "T", sector="district", status="completed")
    assert membership_mismatches(con) == []
    model, counts = build_model(con)
    year = counts[(counts["table"] == "participation_by_year") & (counts["view"] == "all")]
    assert set(year["row_key"]) == {"2019-20"}
    people = year[year["measure"] == "participants"]["value"].item()
    assert people == 4  # the same four people in Summer 2019 and Spring 2020: one school year


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=warehouses())
def test_members_reproduce_every_live_table_on_random_collaboratives(tmp_path_factory, plan):
    con = planned_warehouse(plan, tmp_path_factory.mktemp("w") / "w.duckdb")
    try:
        assert membership_mismatches(con) == []
        model, _ = build_model(con)
        assert np.all(model.atom_size >= 1)
    finally:
        con.close()
