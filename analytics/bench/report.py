"""The benchmark's readable output: per size, the tables with pandas/DuckDB ratios, the pages, and growth."""

from __future__ import annotations

from analytics.metrics import TABLES

# The targets at a million enrollments (docs/PERFORMANCE.md), printed next to the figures.
TARGETS = {
    "ingest_s": 6.0,  # the whole export set, marts included
    "increment_s": 1.0,  # one more term's ~5,000 registrations, marts included
    "peak_rss_mb": 1536.0,
    "table_ms": 50.0,
    "speedup": 5.0,
    "rerun_ms": 700.0,
    "browser_s": 3.0,
    "publish_s": 30.0,
}


def _ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.1f}x" if a is not None and b else "-"


def _ms(value: float | None, width: int) -> str:
    return f"{value:>{width}.1f}" if value is not None else f"{'-':>{width}}"


def summary(size: dict) -> dict[str, float]:
    """Totals of one size: DuckDB and pandas over every table (both filter cases), the slowest of each."""
    tables = size["tables"].values()
    duckdb_total = sum(t["duckdb_ms"] + t["duckdb_filtered_ms"] for t in tables)
    measured = [t for t in tables if t["pandas_ms"] is not None]  # none when run with --no-pandas
    pandas_total = sum(t["pandas_ms"] + t["pandas_filtered_ms"] for t in measured) if measured else None
    slowest = max(max(t["duckdb_ms"], t["duckdb_filtered_ms"]) for t in tables)
    pages = size.get("pages") or {}
    return {
        "duckdb_total_ms": duckdb_total,
        "pandas_total_ms": pandas_total,
        "speedup": pandas_total / duckdb_total if duckdb_total and pandas_total is not None else 0.0,
        "slowest_table_ms": slowest,
        "slowest_rerun_ms": max((p["rerun_ms"] for p in pages.values()), default=0.0),
    }


def render(report: dict) -> str:
    """The whole report as text."""
    lines = []
    machine = report["machine"]
    lines.append(
        f"machine: {machine['cpus']} CPUs, {machine['memory_mb']:,} MB, load {machine['load_average']}, "
        f"python {machine['python']}, duckdb {machine['duckdb']}, pandas {machine['pandas']}; "
        f"medians of {report['runs']} warm runs after a warm-up"
    )
    previous = None
    for size in report["sizes"]:
        lines += ["", *_size_lines(size, previous)]
        previous = size
    lines += ["", *_growth_lines(report["sizes"])]
    lines.append(f"peak memory of the whole benchmark (pandas included): {report['bench_peak_rss_mb']:,.0f} MB")
    return "\n".join(lines)


def _size_lines(size: dict, previous: dict | None) -> list[str]:
    n = size["enrollments"]
    publish = size.get("publish_s")
    lines = [
        f"== {n:,} enrollments: import {size['ingest_s']:.2f} s with the marts (CPU {size['ingest_cpu_s']:.2f} s; "
        f"marts {size['marts_s']:.2f} s of it), import peak {size['peak_rss_mb']:,.0f} MB; "
        + (f"pandas prep {size['pandas_prep_ms']:,.0f} ms" if size.get("pandas_prep_ms") is not None else "no pandas"),
        f"   weekly import ({size.get('increment_rows', 0):,} rows, marts included): "
        f"{size.get('increment_s', float('nan')):.2f} s; publishing a release: "
        + (f"{publish:.1f} s" if publish is not None else "not measured"),
        f"   load average during the imports: {size.get('ingest_load_average')}",
        f"{'table':<26}{'duckdb':>9}{'filtered':>10}{'pandas':>10}{'filtered':>10}{'pd/db':>7}{'pd/db f':>8}"
        f"{'growth':>8}  equal",
    ]
    for name in TABLES:
        t = size["tables"][name]
        growth = "-"
        if previous:
            growth = _ratio(t["duckdb_ms"], previous["tables"][name]["duckdb_ms"])
        lines.append(
            f"{name:<26}{t['duckdb_ms']:>9.1f}{t['duckdb_filtered_ms']:>10.1f}{_ms(t['pandas_ms'], 10)}"
            f"{_ms(t['pandas_filtered_ms'], 10)}{_ratio(t['pandas_ms'], t['duckdb_ms']):>7}"
            f"{_ratio(t['pandas_filtered_ms'], t['duckdb_filtered_ms']):>8}{growth:>8}  "
            + {True: "yes", False: "NO", None: "-"}[t["equal"]]
        )
    s = summary(size)
    lines.append(
        f"{'all tables, both cases':<26}{s['duckdb_total_ms']:>19.1f}{_ms(s['pandas_total_ms'], 20)}"
        f"{_ratio(s['pandas_total_ms'], s['duckdb_total_ms']):>15}"
    )
    if size.get("pages"):
        lines.append(f"{'page':<26}{'rerun ms':>9}{'first ms':>10}{'rows':>8}{'points':>8}  errors")
        for name, p in size["pages"].items():
            lines.append(
                f"{name:<26}{p['rerun_ms']:>9.0f}{p['first_ms']:>10.0f}{p['max_table_rows']:>8}"
                f"{p['max_chart_points']:>8}  {len(p['errors'])}"
            )
        lines.append(f"dashboard process peak: {size['dashboard_peak_rss_mb']:,.0f} MB")
    if size.get("browser_first_chart_s"):
        lines.append(browser_line(size))
    return lines


def browser_line(size: dict) -> str:
    """The Overview's first chart in chromium: a warm fresh server, a second session, a server still warming."""
    opens = ", ".join(f"{s:.2f} s" for s in size["browser_first_chart_s"])
    return (
        f"browser, Overview's first chart: {opens} (fresh server once warm, after {size['browser_ready_s']:.2f} s; "
        f"then a second session); opened during the warm-up: {size['browser_cold_first_chart_s'][0]:.2f} s"
    )


def _growth_lines(sizes: list[dict]) -> list[str]:
    lines = ["growth from one size to the next (1.0 per x of enrollments = linear):"]
    for before, after in zip(sizes, sizes[1:], strict=False):
        scale = after["enrollments"] / before["enrollments"]
        a, b = summary(before), summary(after)
        parts = [
            f"import {after['ingest_s'] / before['ingest_s']:.1f}x",
            f"duckdb tables {b['duckdb_total_ms'] / a['duckdb_total_ms']:.1f}x",
        ]
        if a["pandas_total_ms"] and b["pandas_total_ms"] is not None:
            parts.append(f"pandas tables {b['pandas_total_ms'] / a['pandas_total_ms']:.1f}x")
        if a["slowest_rerun_ms"]:
            parts.append(f"slowest page {b['slowest_rerun_ms'] / a['slowest_rerun_ms']:.1f}x")
        lines.append(
            f"  {before['enrollments']:,} -> {after['enrollments']:,} ({scale:.0f}x data): " + ", ".join(parts)
        )
    return lines
