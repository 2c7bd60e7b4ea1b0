"""Who is looking: the one place that decides what a viewer may see.

Locally the dashboard runs for a coordinator. With sign-in (``st.login`` and a
role per account) funders see the funder pages only, every number cut from the
latest published release (``ui.published``): its own rule (K, P) decides what is
withheld, not the role.
"""

from __future__ import annotations

from dataclasses import dataclass

FUNDER_SUPPRESS_BELOW = (
    10  # the default K of a release (docs/METRICS.md); a funder's numbers follow the release's own K
)


@dataclass(frozen=True)
class Role:
    """A viewer's role and what follows from it."""

    name: str  # "coordinator" or "funder"
    suppress_below: int | None  # None: live numbers; else this role reads the published release only
    description: str

    @property
    def is_coordinator(self) -> bool:
        return self.name == "coordinator"


COORDINATOR = Role("coordinator", None, "Coordinator (local mode): every number and every page")
FUNDER = Role("funder", FUNDER_SUPPRESS_BELOW, "Funder: summary pages from the published release")


def current_role() -> Role:
    """The role of the person viewing this session.

    Local mode has no sign-in, so the person at the keyboard is the coordinator
    who loads the data. With sign-in configured, ``ui.auth`` decides from the
    signed-in account and the access lists; everything else asks here.
    """
    from ui import auth  # auth builds on the roles defined above

    return auth.role()
