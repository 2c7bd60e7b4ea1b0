"""The command line: `python -m analytics COMMAND ...`."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from analytics import commands
from analytics.errors import AnalyticsError
from analytics.serve import writer

# Commands that never write the warehouse themselves (serve runs the readers; loadtest only sends requests).
_NOT_WRITERS = {"serve", "loadtest"}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analytics",
        description="Warehouse, imports, metrics and exports of a teacher collaborative.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if not hasattr(args, "db") or args.command in _NOT_WRITERS:
            return int(args.func(args) or 0)
        with writer.command_session(args.db, args.command):  # a served warehouse: one writer, then a snapshot
            return int(args.func(args) or 0)
    except AnalyticsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `... | head` closed the pipe; not an error of ours
        return 0
