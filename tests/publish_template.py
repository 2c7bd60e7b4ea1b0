"""Build and publish one release template (run by ``release_support`` in its own process).

Usage: ``python tests/publish_template.py OUT K P FILE...``. Loads FILE... into a new warehouse
at OUT, publishes a release with threshold K and width P, and prints, as JSON, the analytics source files
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


def main(out: Path, k: int, p: int, files: list[Path]) -> None:
    con = warehouse.connect(out)
    try:
        ingest.ingest_files(con, files)  # as app_support.build_warehouse loads them
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
    main(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), [Path(p) for p in sys.argv[4:]])
