"""Finding a port for a dashboard server and asking whether it answers: the supervisor, the server's own
warm-up (``ui/launch.py``), the benchmark, the serve figures and the tests all start or wait for one."""

from __future__ import annotations

import socket
import urllib.request


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy(url: str) -> bool:
    """The dashboard's server (or HAProxy in front of replicas) at ``url`` answers its health check
    (``/_stcore/health``) with 200 within 2 s."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
            return answer.status == 200
    except OSError:
        return False
