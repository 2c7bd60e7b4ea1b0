"""`python -m analytics generate`: write the sample collaborative's exports (or a big one for benchmarks)."""

from __future__ import annotations

import argparse
import time

from analytics.errors import AnalyticsError


def register(sub) -> None:
    parser = sub.add_parser(
        "generate",
        help="write a synthetic collaborative's exports (the sample, or N enrollments for benchmarks)",
        description="Write the exports of a synthetic teacher collaborative: a course catalog, a schools list, "
        "registration CSVs in several tools' styles and survey exports, with a few bad rows. Without "
        "--enrollments it is the sample collaborative of data/sample/. The same seed writes the same bytes.",
    )
    parser.add_argument(
        "--out", required=True, metavar="DIR", help="folder to write into (earlier generated files there are replaced)"
    )
    parser.add_argument(
        "--seed", type=_seed, default=None, metavar="N", help="random seed, a whole number >= 0 (default: 2017)"
    )
    parser.add_argument(
        "--enrollments",
        type=_positive,
        default=None,
        metavar="N",
        help="total registration rows, e.g. 1000000 (default: the sample)",
    )
    parser.set_defaults(func=run)


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def _positive(text: str) -> int:
    try:
        value = int(text.replace("_", "").replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 200:
        raise argparse.ArgumentTypeError("must be at least 200")
    return value


def run(args) -> int:
    from analytics import synth  # numpy and openpyxl are loaded only for this command

    seed = synth.DEFAULT_SEED if args.seed is None else args.seed
    started = time.perf_counter()
    try:
        written = synth.generate(args.out, seed=seed, enrollments=args.enrollments)
    except OSError as exc:
        raise AnalyticsError(f"cannot write into {args.out}: {exc.strerror or exc}") from exc
    elapsed = time.perf_counter() - started
    width = max(len(w.path.name) for w in written)
    for w in written:
        size = w.path.stat().st_size
        unit = "lines" if w.kind == "readme" else "rows"
        print(f"{w.path.name:<{width}}  {w.kind:<16}{w.rows:>10,} {unit:<5} {size / 1e6:>8.2f} MB  {w.note}")
    enrollment_rows = sum(w.rows for w in written if w.kind == "enrollments")
    print(
        f"wrote {len(written)} files to {args.out} in {elapsed:.1f} s (seed {seed}, {enrollment_rows:,} registration rows)"
    )
    if args.enrollments is None:
        pair = synth.identity_override(seed)
        if pair:
            print(f"same teacher, two emails: add `{pair[0]},{pair[1]}` to data/identity_overrides.csv")
    return 0
