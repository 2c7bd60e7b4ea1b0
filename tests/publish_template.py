"""Build and publish one release template (run by ``release_support`` in its own process).

Usage: ``python tests/publish_template.py OUT K P FILE... [-- FILE...]``. Loads each group of
FILEs (groups split by ``--``, one import each, in order) into a new warehouse at OUT, publishes a release with threshold K and width P, and prints, as JSON, the analytics source files
this process imported: the template depends on exactly those (and on the SQL and the
exports), so ``release_support`` re-publishes when any of them changes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analytics import disclosure, ingest, warehouse  # noqa: E402


def main(out: Path, k: int, p: int, batches: list[list[Path]]) -> None:
    con = warehouse.connect(out)
    try:
        for files in batches:  # one import per group, as the tests that load a corrected file later do
            ingest.ingest_files(con, files)
        disclosure.publish(con, k=k, p=p)
    finally:
        con.close()
    analytics = ROOT / "analytics"
    imported = sorted(
        str(Path(module.__file__).resolve().relative_to(ROOT))
        for module in list(sys.modules.values())
        if getattr(module, "__file__", None) and Path(module.__file__).resolve().is_relative_to(analytics)
    )
    print(json.dumps(imported))


if __name__ == "__main__":
    groups: list[list[Path]] = [[]]
    for arg in sys.argv[4:]:
        groups.append([]) if arg == "--" else groups[-1].append(Path(arg))
    main(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), [g for g in groups if g])
