"""``make serve``: N dashboard replicas behind HAProxy, each restarted when it dies.

HAProxy only routes (cookie affinity, websockets, health checks on ``/_stcore/health``);
something must bring a dead replica back, and that is this loop. It publishes a fresh
snapshot first (under the writer lock), starts the replicas on loopback ports, starts
HAProxy with ``deploy/haproxy.cfg`` (the ports passed as environment variables), then
watches: a replica that exits is started again on the same port, HAProxy's checks put it
back in rotation. SIGINT (Ctrl-C) or SIGTERM stops every child before returning.

Where things are while it runs: ``DB.serve.json`` (the pids and ports, rewritten on every
restart) and ``DB.serve.log/`` (one log per replica and one for HAProxy).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from analytics import warehouse
from analytics.errors import AnalyticsError
from analytics.serve import replica, snapshots, writer
from analytics.serve.probe import free_port, healthy

ROOT = Path(__file__).resolve().parent.parent.parent
HAPROXY_CONFIG = ROOT / "deploy" / "haproxy.cfg"
MAX_REPLICAS = 8  # server lines in deploy/haproxy.cfg
CLEANUP_EVERY = 30.0  # seconds between sweeps of superseded snapshots
RESTART_BACKOFF = (0.0, 1.0, 2.0, 5.0, 10.0)  # a replica that keeps dying is restarted less and less often


def _die_with_parent() -> None:
    """In the child, before exec: SIGTERM when the supervisor dies, even by SIGKILL (Linux's PR_SET_PDEATHSIG)."""
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG


@dataclass
class Child:
    name: str
    command: list[str]
    env: dict[str, str]
    log: Path
    port: int | None = None
    proc: subprocess.Popen | None = None
    started: float = 0.0
    restarts: int = 0
    quick_deaths: int = 0  # deaths in a row within a minute of starting
    died_at: float | None = None

    def start(self) -> None:
        with self.log.open("a") as out:
            out.write(f"--- {time.strftime('%H:%M:%S')} starting {self.name}\n")
            out.flush()
            # start_new_session: a Ctrl-C in the terminal reaches the supervisor, which stops the
            # children in order, rather than every child at once.
            self.proc = subprocess.Popen(
                self.command,
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,
            )
        self.started = time.monotonic()

    def stop(self, grace: float = 10.0) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=grace)


class Supervisor:
    def __init__(
        self, db: str, replicas: int, port: int, address: str = "127.0.0.1", secrets_file: str | None = None
    ) -> None:
        if not 1 <= replicas <= MAX_REPLICAS:
            raise AnalyticsError(f"--replicas {replicas}: between 1 and {MAX_REPLICAS} on one machine")
        self.db = str(Path(db).resolve())
        self.port = port
        self.address = address
        self.logs = Path(f"{self.db}.serve.log")
        self.state_file = Path(f"{self.db}.serve.json")
        self.stopping = False
        # Every replica reads the same secrets ([auth], [access]): a sign-in made on one is good on all.
        self.streamlit_args = ["--secrets.files", str(Path(secrets_file).resolve())] if secrets_file else []
        # One secret for every replica: XSRF tokens and sign-in cookies made by one are accepted by the others.
        cookie_secret = os.environ.get("STREAMLIT_SERVER_COOKIE_SECRET") or secrets.token_urlsafe(32)
        base_env = os.environ | {"PYTHONUNBUFFERED": "1", "STREAMLIT_SERVER_COOKIE_SECRET": cookie_secret}
        replica_env = base_env | {"ANALYTICS_DB": self.db, replica.SERVE_ENV: "1"}
        self.replicas = [self._replica(n, replica_env) for n in range(1, replicas + 1)]
        haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
        if not Path(haproxy).exists():
            raise AnalyticsError("haproxy is not installed; make serve installs it (Debian's haproxy package)")
        proxy_env = base_env | {"SERVE_ADDRESS": address, "SERVE_PORT": str(port)}
        proxy_env |= {f"SERVE_REPLICA_{n}": str(r.port) for n, r in enumerate(self.replicas, 1)}
        self.proxy = Child("haproxy", [haproxy, "-db", "-f", str(HAPROXY_CONFIG)], proxy_env, self.logs / "haproxy.log")

    def _replica(self, number: int, env: dict[str, str]) -> Child:
        port = free_port()
        from analytics.bench.browser import dashboard_command  # the same server as make run and the tests

        command = dashboard_command(port, "--server.fileWatcherType", "none", *self.streamlit_args)
        return Child(f"r{number}", command, env, self.logs / f"r{number}.log", port=port)

    def first_snapshot(self) -> None:
        """Bring the writer's file up to date and copy it into a snapshot, so replicas have one to open."""
        if not Path(self.db).exists():
            raise AnalyticsError(f"{self.db}: no warehouse to serve; import exports first (make warehouse)")
        with writer.writer_lock(self.db, "make serve (first snapshot)"):
            warehouse.connect(self.db).close()
            snapshots.publish(self.db)

    def write_state(self) -> None:
        state = {
            "url": f"http://{self.address}:{self.port}",
            "supervisor": os.getpid(),
            "haproxy": self.proxy.proc.pid if self.proxy.proc else None,
            "replicas": {
                r.name: {"pid": r.proc.pid if r.proc else None, "port": r.port, "restarts": r.restarts}
                for r in self.replicas
            },
        }
        partial = self.state_file.with_suffix(".partial")
        partial.write_text(json.dumps(state, indent=1), encoding="utf-8")
        os.replace(partial, self.state_file)

    def _wait_healthy(self, urls: list[str], deadline: float, timeout: float) -> None:
        while urls:
            for child in [*self.replicas, self.proxy]:
                if child.proc is not None and child.proc.poll() is not None:
                    raise AnalyticsError(f"{child.name} exited at start; see {child.log}")
            if time.monotonic() > deadline:
                raise AnalyticsError(f"no answer from {urls[0]} within {timeout:.0f} s; see {self.logs}")
            urls = [url for url in urls if not healthy(url)]
            time.sleep(0.3)

    def start(self, timeout: float = 120.0) -> None:
        """The first snapshot, the replicas, then HAProxy once they answer (so no browser meets a cold one)."""
        self.logs.mkdir(parents=True, exist_ok=True)
        self.first_snapshot()
        deadline = time.monotonic() + timeout
        for child in self.replicas:
            child.start()
        self.write_state()
        self._wait_healthy([f"http://127.0.0.1:{r.port}" for r in self.replicas], deadline, timeout)
        self.proxy.start()
        self.write_state()
        self._wait_healthy([f"http://{self.address}:{self.port}"], deadline, timeout)

    def watch_once(self) -> None:
        """Restart every replica that has exited (later and later if it keeps dying); fail if HAProxy has."""
        if self.proxy.proc.poll() is not None:
            raise AnalyticsError(f"haproxy exited (code {self.proxy.proc.returncode}); see {self.proxy.log}")
        for child in self.replicas:
            code = child.proc.poll()
            if code is None:
                continue
            now = time.monotonic()
            if child.died_at is None:
                child.died_at = now
                child.quick_deaths = child.quick_deaths + 1 if now - child.started < 60 else 0
                print(
                    f"serve: replica {child.name} exited (code {code}); restarting it on port {child.port}", flush=True
                )
            if now - child.died_at < RESTART_BACKOFF[min(child.quick_deaths, len(RESTART_BACKOFF) - 1)]:
                continue
            child.died_at = None
            child.restarts += 1
            child.start()
            self.write_state()

    def run(self) -> int:
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, self._ask_to_stop)
        try:
            self.start()
            print(
                f"serve: {len(self.replicas)} replicas behind HAProxy at http://{self.address}:{self.port} "
                f"(snapshot {snapshots.current(self.db).path.name}; logs in {self.logs}); Ctrl-C stops them",
                flush=True,
            )
            swept = time.monotonic()
            while not self.stopping:
                self.watch_once()
                if time.monotonic() - swept > CLEANUP_EVERY:
                    snapshots.cleanup(self.db)
                    swept = time.monotonic()
                time.sleep(0.5)
            return 0
        finally:
            self.stop_all()

    def _ask_to_stop(self, signum, frame) -> None:
        self.stopping = True

    def stop_all(self) -> None:
        self.stopping = True
        self.proxy.stop()
        for child in self.replicas:
            child.stop()
        self.state_file.unlink(missing_ok=True)
        print("serve: stopped HAProxy and every replica", flush=True)
