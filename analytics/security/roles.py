"""The viewer roles, once: who a coordinator and a funder are, and what each may see.

``analytics.security.access`` decides which role a signed-in account has; ``ui.auth``
decides it for a run of the dashboard and ``ui.role`` hands it to every page. Nothing else
spells a role's name.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

# docs/METRICS.md, "The rule": counts 1..K-1 are withheld for anyone who is not a coordinator
FUNDER_SUPPRESS_BELOW = 10


@dataclass(frozen=True)
class Role:
    """A viewer's role and what follows from it."""

    name: str  # "coordinator" or "funder"
    suppress_below: int | None  # withhold counts below this; None shows every number
    description: str  # shown in the sidebar ("Viewing as: ...")

    @property
    def is_coordinator(self) -> bool:
        return self.name == COORDINATOR.name

    def for_account(self, email: str) -> Role:
        """The same role, described with the signed-in account (``email`` as it will be shown)."""
        if self.is_coordinator:
            return replace(self, description=f"Coordinator ({email}): every number and every page")
        return replace(self, description=f"{self.description} ({email})")


COORDINATOR = Role("coordinator", None, "Coordinator (local mode): every number and every page")
FUNDER = Role("funder", FUNDER_SUPPRESS_BELOW, f"Funder: summary pages, counts under {FUNDER_SUPPRESS_BELOW} withheld")
ROLES = (COORDINATOR, FUNDER)
