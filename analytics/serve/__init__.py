"""Serving funders from many read-only processes: snapshots, the writer lock, the supervisor.

- ``snapshots``: whole read-only copies of the warehouse, the ``CURRENT`` pointer, cleanup.
- ``writer``: one writer at a time for a served warehouse; a snapshot after each write.
- ``replica``: which snapshot a page run reads (``ANALYTICS_SERVE=1``).
- ``supervisor``: ``make serve``: the replicas and HAProxy, restarted when they die.
- ``probe``: a free port for a server, and whether a server answers its health check.

See docs/DEPLOYMENT.md.
"""
