"""Invariants of the docs/METRICS.md tables on hypothesis-generated warehouses."""

from __future__ import annotations

import pandas as pd
from builders import term_order
from hypothesis import HealthCheck, given, settings
from strategies import TERMS, filters_strategy, planned_warehouse, warehouses

from analytics.filters import Filters
from analytics.metrics import compute

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(plan=warehouses(), filters=filters_strategy())
def test_new_plus_returning_is_participants(plan, filters):
    con = planned_warehouse(plan)
    for name in ("participation_by_term", "participation_by_sector", "returning_by_term"):
        frame = compute(con, name, filters)
        assert (frame.new_participants + frame.returning_participants == frame.participants).all(), name
        assert (frame.participants >= 1).all()


@SETTINGS
@given(plan=warehouses(), filters=filters_strategy())
def test_sector_rows_sum_to_the_term_totals(plan, filters):
    con = planned_warehouse(plan)
    by_term = compute(con, "participation_by_term", filters).set_index("term")
    by_sector = compute(con, "participation_by_sector", filters).groupby("term", sort=False).sum(numeric_only=True)
    columns = ["enrollments", "participants", "new_participants", "returning_participants"]
    # One sector per person and term, so people add up across sectors as enrollments do.
    pd.testing.assert_frame_equal(by_sector[columns], by_term[columns], check_names=False)
    status = compute(con, "enrollment_status", filters)
    counting = status[status.status.isin(["enrolled", "completed"])].groupby("term", sort=False).enrollments.sum()
    assert counting.to_dict() == by_term.enrollments.to_dict()


@SETTINGS
@given(plan=warehouses(), filters=filters_strategy())
def test_cohorts_start_at_one_and_never_exceed_their_size(plan, filters):
    con = planned_warehouse(plan)
    cohorts = compute(con, "cohort_retention", filters)
    for _, rows in cohorts.groupby("cohort", sort=False):
        first = rows.iloc[0]
        if first.term == first.cohort:  # the cohort term itself is shown unless filtered out
            assert first.active == first.cohort_size and first.retention_rate == 1.0
        assert (rows.active <= rows.cohort_size).all() and (rows.retention_rate <= 1.0).all()
    conversion = compute(con, "pipeline_conversion", filters)
    assert (conversion.became_leader <= conversion.cohort_size).all()
    shown = cohorts[cohorts.term == cohorts.cohort].set_index("cohort").cohort_size
    assert shown.to_dict() == conversion.set_index("cohort").cohort_size[shown.index].to_dict()


@SETTINGS
@given(plan=warehouses(), filters=filters_strategy())
def test_filters_never_change_a_persons_classification(plan, filters):
    con = planned_warehouse(plan)
    # A sector filter keeps exactly the unfiltered rows of its sectors (same new / returning split).
    sectors_only = Filters(sectors=filters.sectors, categories=filters.categories)
    everything = compute(con, "participation_by_sector", Filters(categories=filters.categories))
    if filters.sectors:
        everything = everything[everything.sector.isin(filters.sectors)]
    filtered = compute(con, "participation_by_sector", sectors_only)
    assert filtered.reset_index(drop=True).equals(everything.reset_index(drop=True))
    # A term range shows the unfiltered rows of its terms, histories and running totals included.
    ranged = Filters(sectors=filters.sectors, categories=filters.categories, term_from=filters.term_from)
    for name in ("participation_by_term", "returning_by_term", "leader_pipeline", "schools_reached"):
        full = compute(con, name, sectors_only)
        if filters.term_from:
            full = full[full.term.map(term_order) >= filters.term_from.order]
        assert compute(con, name, ranged).reset_index(drop=True).equals(full.reset_index(drop=True)), name


@SETTINGS
@given(plan=warehouses())
def test_cross_sector_exchange_counts_each_enrollment_once_per_leader_sector(plan):
    con = planned_warehouse(plan)
    exchange = compute(con, "cross_sector_exchange")
    by_sector = compute(con, "participation_by_sector")
    # At least one leader sector per led course; never more enrollments than that allows.
    per_participant = exchange.groupby("participant_sector").enrollments.sum()
    totals = by_sector.groupby("sector").enrollments.sum()
    for sector, count in per_participant.items():
        assert count <= 4 * totals.get(sector, 0)
    assert set(compute(con, "course_mix").term) <= set(TERMS)
