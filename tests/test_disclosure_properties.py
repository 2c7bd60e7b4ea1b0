"""Random small collaboratives: a published release passes its audit, the audit's intervals hold
the truth, and showing a withheld small count is caught."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings

from analytics.disclosure import audit_release, publish
from analytics.disclosure.model import build_model
from analytics.disclosure.store import read_system
from tests.strategies import planned_warehouse, warehouses

K, P = 3, 2


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=warehouses())
def test_published_releases_pass_and_their_intervals_hold_the_truth(tmp_path_factory, plan):
    con = planned_warehouse(plan, tmp_path_factory.mktemp("w") / "w.duckdb")
    try:
        release = publish(con, k=K, p=P)
        report = audit_release(con)
        assert report.passed
        model, _ = build_model(con)
        system, shown = read_system(con, release.id, release.n_atoms)
        from analytics.disclosure.lp import intervals

        targets = np.flatnonzero(~system.published & shown)
        low, high = intervals(system, targets)
        truth = model.class_value[targets]
        assert (low <= truth).all() and (truth <= high).all()
        assert ((high - low) >= P).all()
        small = [c for c in targets if 1 <= model.class_value[c] < K]
        if small:
            con.execute(
                "update release_classes set withheld = false, value = ? where release_id = ? and class_no = ?",
                [int(model.class_value[small[0]]), release.id, int(small[0])],
            )
            assert not audit_release(con).passed
    finally:
        con.close()
