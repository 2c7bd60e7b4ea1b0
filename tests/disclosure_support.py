"""Helpers for the disclosure tests: compare modelled members with the live tables."""

from __future__ import annotations

from analytics.disclosure.model import collect_members, member_counts
from analytics.disclosure.tables import RELEASE_TABLES
from analytics.disclosure.views import VIEWS


def membership_mismatches(con) -> list[str]:
    """Every count cell where counting its members does not give the live table, both ways round."""
    cursor = collect_members(con)
    try:
        counts = member_counts(cursor)
    finally:
        cursor.close()
    counts = counts[counts["measure"].isin({c for t in RELEASE_TABLES.values() for c in t.counts})]
    got = {(r.view, r.table, r.row_key, r.measure): int(r.value) for r in counts.itertuples()}
    seen = set()
    problems = []
    for view in VIEWS:
        for name, table in RELEASE_TABLES.items():
            if table.live is None:
                continue
            frame = table.live(con, view.filters())
            for row_key, row in zip(table.row_keys(frame), frame.itertuples(index=False), strict=True):
                for col in table.counts:
                    key = (view.id, name, table.alias(row_key, col) if table.alias else row_key, col)
                    seen.add(key)
                    live = int(getattr(row, col))
                    if got.get(key, 0) != live:
                        problems.append(f"{key}: live {live}, members {got.get(key, 0)}")
    for key, value in got.items():
        if key not in seen and RELEASE_TABLES[key[1]].live is not None:
            problems.append(f"{key}: {value} members but no such cell in the live table")
    return problems


def build_town(con, people: int = 60, seed: int = 7) -> None:
    """A small collaborative with structure: three terms, four sectors, two strands, repeat takers,
    a few small groups (the independent school's teachers), leaders grown from participants."""
    import random

    from tests.builders import WarehouseBuilder

    rng = random.Random(seed)
    w = WarehouseBuilder(con)
    terms = ("Fall 2018", "Spring 2019", "Fall 2019")
    sectors = ("district", "district", "district", "charter", "charter", "catholic", "independent")
    for t, term in enumerate(terms):
        for c in range(3):
            leader = f"p{(t * 3 + c) % 9}@x.org" if t else f"lead{c}@x.org"
            w.course(
                term, f"C{t}{c}", ("all_learners", "rigorous_curricula")[c % 2], leaders=[(leader, "district", None)]
            )
    for i in range(people):
        sector = sectors[i % len(sectors)]
        for t, term in enumerate(terms):
            if rng.random() < (0.7 if t == 0 else 0.45):
                w.enroll(
                    f"p{i}@x.org",
                    term,
                    f"C{t}{rng.randrange(3)}",
                    sector=sector,
                    status=rng.choice(("enrolled", "completed")),
                    school=f"{sector} school {i % 3}",
                )
