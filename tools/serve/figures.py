"""The figures of docs/DEPLOYMENT.md: funder sessions through `make serve` while imports run.

    .venv/bin/python tools/serve/figures.py --replicas 1 --sessions 100 --seconds 120

Builds the sample warehouse in a temporary folder (or copies ``--warehouse``), starts `make serve` with a secrets file
that makes every session a signed-in funder, then runs `python -m analytics loadtest`
while a loop imports one new registrations export after another into the writer's file
(each import is a real `python -m analytics ingest` and publishes the next snapshot), one
every ``--import-every`` seconds: each new snapshot empties every replica's caches, the
worst moment for the sessions.
Prints one JSON object: the load test's report, the imports done, the load average.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: the analytics package is beside tools/

from analytics.serve.probe import free_port, healthy  # noqa: E402
from tools.serve.signin import write_secrets  # noqa: E402

SECRET = "figures-cookie-secret"


def registrations(folder: Path, number: int, rows: int) -> Path:
    """A new export of late registrations, different each time, in a course of the sample's last term."""
    path = folder / f"late_{number}.csv"
    lines = ["registered_at,email,first_name,last_name,school,sector,course_code,term,status"]
    for i in range(rows):
        digest = hashlib.sha1(f"{number}-{i}".encode()).hexdigest()[:12]
        sector = ("district", "charter", "catholic")[i % 3]
        lines.append(f"2020-09-10 09:00:00,{digest}@late.example,L{i},R{number},Late School {i % 9},{sector},"
                     f"BEC-20F-{1 + i % 5:02d},Fall 2020,completed")  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def import_loop(db: Path, folder: Path, stop: threading.Event, done: list, rows: int, every: float) -> None:
    """One import every ``every`` seconds (the first at once) until told to stop."""
    number = 0
    while not stop.wait(0 if number == 0 else max(0.0, every - done[-1]["seconds"])):
        started = time.monotonic()
        run = subprocess.run(
            [sys.executable, "-m", "analytics", "ingest", "--db", str(db), str(registrations(folder, number, rows))],
            cwd=ROOT, capture_output=True, text=True, check=False,
        )  # fmt: skip
        done.append({"seconds": round(time.monotonic() - started, 1), "code": run.returncode, "err": run.stderr[-300:]})
        number += 1


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--replicas", type=int, default=3)
    parser.add_argument("--sessions", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--think", type=float, default=5)
    parser.add_argument("--ramp", type=float, default=30)
    parser.add_argument("--rows", type=int, default=2000, help="registrations per import")
    parser.add_argument("--warehouse", help="start from a copy of this warehouse (e.g. one with a release published)")
    parser.add_argument("--import-every", type=float, default=30, help="seconds from one import's start to the next")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="serve-figures-"))
    db = folder / "warehouse.duckdb"
    if args.warehouse:
        shutil.copyfile(args.warehouse, db)
    else:
        subprocess.run(
            ["make", "--no-print-directory", "warehouse", f"DB={db}"], cwd=ROOT, check=True, stdout=sys.stderr
        )
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    secrets = write_secrets(folder / "secrets.toml", origin, SECRET, coordinators=("coord@example.org",))
    command = ["make", "--no-print-directory", "serve", f"DB={db}", f"REPLICAS={args.replicas}", f"PORT={port}"]
    serve = subprocess.Popen([*command, f"SECRETS={secrets}"], cwd=ROOT, start_new_session=True,
                             stdout=(folder / "serve.log").open("w"), stderr=subprocess.STDOUT)  # fmt: skip
    stop = threading.Event()
    try:
        deadline = time.monotonic() + 180
        while not healthy(origin):
            if time.monotonic() > deadline or serve.poll() is not None:
                raise SystemExit(f"make serve did not start; see {folder / 'serve.log'}")
            time.sleep(0.5)
        imports = []
        importer = threading.Thread(
            target=import_loop, args=(db, folder, stop, imports, args.rows, args.import_every), daemon=True
        )
        load_before = os.getloadavg()
        importer.start()
        test = subprocess.run(
            [sys.executable, "-m", "analytics", "loadtest", origin, "--sessions", str(args.sessions),
             "--seconds", str(args.seconds), "--think", str(args.think), "--ramp", str(args.ramp),
             "--cookie-secret", SECRET, "--email", "officer@examplefoundation.org", "--json"],
            cwd=ROOT, capture_output=True, text=True, check=False,
        )  # fmt: skip
        load_after = os.getloadavg()
        stop.set()
        importer.join()
    finally:
        stop.set()
        os.killpg(serve.pid, signal.SIGTERM)
        serve.wait(timeout=60)
    if not test.stdout.strip():
        raise SystemExit(test.stderr)
    report = json.loads(test.stdout)
    report |= {
        "replicas": args.replicas,
        "imports": len(imports),
        "import_failures": [i for i in imports if i["code"]],
        "import_seconds": [i["seconds"] for i in imports],
        "load_before": [round(v, 2) for v in load_before],
        "load_after": [round(v, 2) for v in load_after],
    }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
