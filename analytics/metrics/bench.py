"""Warm timings of every docs/METRICS.md table on a large synthetic warehouse (issue 6: <= 100 ms each).

``python -m analytics.metrics.bench --enrollments 1000000`` fills an in-memory
warehouse with canonical rows generated in SQL (no import step, so it measures
the metric queries only), then prints the best of several warm runs per table,
with and without a filter. It prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import time

import duckdb

from analytics import warehouse
from analytics.filters import Filters
from analytics.metrics import marts
from analytics.metrics.spec import TABLES
from analytics.metrics.tables import run_table
from analytics.warehouse import read_sql


def synthesize(con: duckdb.DuckDBPyConnection, enrollments: int, *, terms: int = 40, seed: float = 0.42) -> None:
    """Insert about ``enrollments`` enrollments (plus courses, staff, schools, surveys) into an empty warehouse."""
    params = {
        "terms": terms,
        "enrollments": enrollments,
        "courses_per_term": max(enrollments // terms // 40, 4),
        "people": max(enrollments // 3, 10),
    }
    con.execute("select setseed($seed)", {"seed": seed})
    for step in ("terms", "schools", "courses", "enrollments", "staff", "surveys"):
        sql = read_sql(f"metrics/bench/{step}.sql")
        # Each file names only the parameters it uses; DuckDB refuses unused ones.
        used = {key: value for key, value in params.items() if f"${key}" in sql}
        con.execute(sql, used)
    con.execute("drop table bench_terms")


def time_tables(
    con: duckdb.DuckDBPyConnection, filters: Filters | None, repeats: int = 5
) -> dict[str, tuple[float, float]]:
    """Per table, the best warm (wall, CPU) milliseconds over ``repeats`` runs (one untimed run first).

    CPU time (all of DuckDB's threads) is printed too because on a shared machine the wall
    clock mostly measures the neighbours: CPU ms / threads is what a quiet machine would take.
    """
    timings = {}
    for name in TABLES:
        run_table(con, name, filters)
        best = (float("inf"), float("inf"))
        for _ in range(repeats):
            wall, cpu = time.perf_counter(), time.process_time()
            run_table(con, name, filters)
            best = min(best, ((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000))
        timings[name] = best
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enrollments", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--db", default=":memory:", help="warehouse to fill (default: in memory)")
    args = parser.parse_args(argv)
    con = warehouse.connect(args.db)
    if not warehouse.table_counts(con)["enrollments"]:  # an existing warehouse is measured as it is
        start = time.perf_counter()
        synthesize(con, args.enrollments)
        print(f"synthesized in {time.perf_counter() - start:.1f} s")
    print(", ".join(f"{k} {v:,}" for k, v in warehouse.table_counts(con).items()))
    start = time.perf_counter()
    marts.refresh(con)
    print(f"marts rebuilt in {(time.perf_counter() - start) * 1000:.0f} ms (once after each change of the data)")
    filtered = Filters.parse(sectors=["charter"], categories=["all_learners"], term_from="Spring 2004")
    plain = time_tables(con, None, args.repeats)
    narrowed = time_tables(con, filtered, args.repeats)
    threads = con.execute("select current_setting('threads')").fetchone()[0]
    print(f"best of {args.repeats} warm runs; DuckDB threads: {threads}; ms wall / ms CPU")
    print(f"{'table':<28}{'no filter':>18}{'filtered':>18}")
    for name in TABLES:
        (pw, pc), (nw, nc) = plain[name], narrowed[name]
        print(f"{name:<28}{pw:>10.1f} /{pc:>6.1f}{nw:>10.1f} /{nc:>6.1f}")
    slowest = max(max(plain.values()), max(narrowed.values()))
    print(f"slowest wall {slowest[0]:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
