"""Access rules: which signed-in account is a coordinator, which a funder, and who is turned away.

The rules come from the ``[access]`` table of ``.streamlit/secrets.toml``::

    [access]
    coordinators = ["ana@bostoncompact.org", "@teachplus.org"]
    funders = ["@examplefoundation.org"]

An entry is either one email address or ``@domain``, which matches every address
of exactly that domain (not its subdomains, not a domain that merely ends the same
way). Decisions are made in this order, so that the narrowest rule wins and a
mistake errs towards showing less:

1. an address listed exactly: its list decides (in both lists: funder);
2. otherwise the address's domain listed: its list decides (in both: funder);
3. otherwise no access.

An identity provider that says the address is not verified (``email_verified``
false) gets no access whatever the lists say: anyone can type any address into
an account they create.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from analytics.security.roles import COORDINATOR, FUNDER, Role


def _normalise_email(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    email = value.strip().lower()
    local, at, domain = email.rpartition("@")
    if not at or not local or not domain or " " in email:
        return None
    return email


def _entries(value: object, where: str) -> tuple[frozenset[str], frozenset[str]]:
    """(emails, domains) of one list of the ``[access]`` table; a malformed entry is an error, never ignored."""
    if value is None:
        return frozenset(), frozenset()
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValueError(f"[access] {where} must be a list of emails or @domains, not {type(value).__name__}")
    emails: set[str] = set()
    domains: set[str] = set()
    for position, item in enumerate(value, start=1):
        text = str(item).strip().lower() if isinstance(item, str) else ""
        if text.startswith("@") and len(text) > 1 and "@" not in text[1:] and "." in text:
            domains.add(text[1:])
        elif _normalise_email(text):
            emails.add(text)
        else:
            # By position, not by value: the message is shown to whoever opens the dashboard.
            raise ValueError(f"[access] {where}: entry {position} is neither an email address nor an @domain")
    return frozenset(emails), frozenset(domains)


@dataclass(frozen=True)
class Decision:
    """What the rules say about one account: a role, or None with the reason shown to the person."""

    role: Role | None
    email: str | None
    reason: str

    @property
    def allowed(self) -> bool:
        return self.role is not None


@dataclass(frozen=True)
class AccessRules:
    """The coordinator and funder lists, parsed."""

    coordinator_emails: frozenset[str] = frozenset()
    coordinator_domains: frozenset[str] = frozenset()
    funder_emails: frozenset[str] = frozenset()
    funder_domains: frozenset[str] = frozenset()

    @classmethod
    def from_mapping(cls, access: Mapping | None) -> AccessRules:
        """Rules from the ``[access]`` table (a missing table lets nobody in)."""
        access = access or {}
        unknown = sorted(set(access) - {"coordinators", "funders"})
        if unknown:
            raise ValueError(f"[access] has unknown keys {unknown}; valid: coordinators, funders")
        c_emails, c_domains = _entries(access.get("coordinators"), "coordinators")
        f_emails, f_domains = _entries(access.get("funders"), "funders")
        return cls(c_emails, c_domains, f_emails, f_domains)

    @property
    def is_empty(self) -> bool:
        return not (self.coordinator_emails or self.coordinator_domains or self.funder_emails or self.funder_domains)

    def decide(self, user: Mapping) -> Decision:
        """The role of a signed-in account, from its OIDC claims (``email``, ``email_verified``)."""
        email = _normalise_email(user.get("email"))
        if email is None:
            return Decision(None, None, "your account did not share an email address with this dashboard")
        if user.get("email_verified") is False:
            return Decision(None, email, f"the address {email} is not verified by your sign-in provider")
        domain = email.rpartition("@")[2]
        exact = self._pick(email in self.coordinator_emails, email in self.funder_emails)
        if exact:
            return Decision(exact, email, f"{email} is listed as a {exact.name}")
        by_domain = self._pick(domain in self.coordinator_domains, domain in self.funder_domains)
        if by_domain:
            return Decision(by_domain, email, f"@{domain} is listed as a {by_domain.name} domain")
        return Decision(None, email, f"{email} is not on this dashboard's list of coordinators or funders")

    @staticmethod
    def _pick(coordinator: bool, funder: bool) -> Role | None:
        # In both lists at the same level: the role that shows less.
        if funder:
            return FUNDER
        return COORDINATOR if coordinator else None
