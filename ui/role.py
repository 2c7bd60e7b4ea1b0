"""Who is looking: the one place that decides what a viewer may see.

Today the dashboard runs locally for a coordinator. When sign-in arrives
(``st.login`` and a role per account), only ``current_role`` changes: funders
then see the funder pages only, with small cells withheld.
"""

from __future__ import annotations

from dataclasses import dataclass

FUNDER_SUPPRESS_BELOW = (
    10  # docs/METRICS.md, "The rule": counts 1..K-1 are withheld for anyone who is not a coordinator
)


@dataclass(frozen=True)
class Role:
    """A viewer's role and what follows from it."""

    name: str  # "coordinator" or "funder"
    suppress_below: int | None  # withhold counts below this; None shows every number
    description: str

    @property
    def is_coordinator(self) -> bool:
        return self.name == "coordinator"


COORDINATOR = Role("coordinator", None, "Coordinator (local mode): every number and every page")
FUNDER = Role("funder", FUNDER_SUPPRESS_BELOW, f"Funder: summary pages, counts under {FUNDER_SUPPRESS_BELOW} withheld")


def current_role() -> Role:
    """The role of the person viewing this session.

    Local mode has no sign-in, so the person at the keyboard is the coordinator
    who loads the data. With sign-in configured, ``ui.auth`` decides from the
    signed-in account and the access lists; everything else asks here.
    """
    from ui import auth  # auth builds on the roles defined above

    return auth.role()
