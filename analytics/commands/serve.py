"""`python -m analytics serve`: dashboard replicas behind HAProxy (what `make serve` runs; docs/DEPLOYMENT.md)."""

from __future__ import annotations

from analytics import warehouse


def register(sub) -> None:
    parser = sub.add_parser("serve", help="serve the dashboard from N read-only replicas behind HAProxy")
    parser.add_argument("--db", help="the writer's warehouse file (default: $ANALYTICS_DB or data/warehouse.duckdb)")
    parser.add_argument("--replicas", type=int, default=3, help="dashboard processes (default 3, at most 8)")
    parser.add_argument("--port", type=int, default=8501, help="HAProxy's port on 127.0.0.1 (default 8501)")
    parser.add_argument("--secrets", help="secrets.toml for every replica (default: .streamlit/secrets.toml)")
    parser.set_defaults(func=run)


def run(args) -> int:
    from analytics.serve.supervisor import Supervisor

    return Supervisor(warehouse.db_path(args.db), args.replicas, args.port, secrets_file=args.secrets).run()
