"""`layouts`: the saved ways of reading a tool's export (list, remove)."""

from __future__ import annotations

from analytics import warehouse
from analytics.commands.ingest import _DB_HELP, _print_frame


def register(sub) -> None:
    parser = sub.add_parser("layouts", help="saved import layouts: list them, or remove one")
    parser.add_argument("action", nargs="?", choices=("list", "remove"), default="list")
    parser.add_argument("layout", nargs="?", metavar="NAME_OR_ID", help="the layout to remove")
    parser.add_argument("--db", help=_DB_HELP)
    parser.add_argument("--json", action="store_true", help="print JSON records")
    parser.set_defaults(func=run_layouts)


def run_layouts(args) -> int:
    from analytics.errors import AnalyticsError
    from analytics.ingest import list_layouts, remove_layout

    if args.action == "remove" and not args.layout:
        raise AnalyticsError("layouts remove: name the layout (its name or id; `layouts` lists them)")
    with warehouse.connect(args.db) as con:
        if args.action == "remove":
            con.begin()
            name = remove_layout(con, args.layout)
            con.commit()
            print(f"removed layout {name!r}; the next file with its headers will be proposed again")
            return 0
        _print_frame(list_layouts(con), args.json, "no saved layouts")
    return 0
