"""Access rules from the [access] table: exact emails, @domains, least privilege when listed twice."""

from __future__ import annotations

import pytest

from analytics.security import COORDINATOR, FUNDER, AccessRules

RULES = AccessRules.from_mapping(
    {
        "coordinators": ["Ana.Lopez@BostonCompact.org", "@teachplus.org"],
        "funders": ["@examplefoundation.org", "board@teachplus.org", "both@bostoncompact.org"],
    }
)


def role_of(email, **claims):
    return RULES.decide({"email": email, "is_logged_in": True, **claims}).role


@pytest.mark.parametrize(
    ("email", "expected"),
    [
        ("ana.lopez@bostoncompact.org", COORDINATOR),
        ("  ANA.LOPEZ@bostoncompact.org ", COORDINATOR),  # spelling of the provider, not of the list
        ("kim@teachplus.org", COORDINATOR),
        ("board@teachplus.org", FUNDER),  # an exact entry beats the domain
        ("grants@examplefoundation.org", FUNDER),
        ("both@bostoncompact.org", FUNDER),
        ("someone@bostoncompact.org", None),  # the domain of a listed email is not listed
        ("kim@mail.teachplus.org", None),  # subdomains are other domains
        ("kim@evilteachplus.org", None),  # a domain that merely ends the same way
        ("kim@teachplus.org.evil.com", None),
        ("teachplus.org", None),
        ("", None),
    ],
)
def test_roles_by_email_and_domain(email, expected):
    assert role_of(email) == expected


def test_listed_in_both_at_the_same_level_gets_the_role_that_shows_less():
    rules = AccessRules.from_mapping({"coordinators": ["x@a.org", "@a.org"], "funders": ["x@a.org", "@a.org"]})
    assert rules.decide({"email": "x@a.org"}).role == FUNDER
    assert rules.decide({"email": "y@a.org"}).role == FUNDER


def test_unverified_or_missing_email_gets_no_access_with_a_reason():
    refused = RULES.decide({"email": "ana.lopez@bostoncompact.org", "email_verified": False})
    assert refused.role is None and "not verified" in refused.reason
    assert RULES.decide({"email": "ana.lopez@bostoncompact.org", "email_verified": True}).role == COORDINATOR
    nobody = RULES.decide({"name": "No Email"})
    assert not nobody.allowed and "email" in nobody.reason
    assert not RULES.decide({"email": ["ana.lopez@bostoncompact.org"]}).allowed


def test_unlisted_reason_names_the_address_only():
    decision = RULES.decide({"email": "visitor@gmail.com"})
    assert decision.role is None
    assert "visitor@gmail.com" in decision.reason
    assert "teachplus" not in decision.reason  # the lists themselves are not revealed


def test_no_access_table_lets_nobody_in():
    rules = AccessRules.from_mapping(None)
    assert rules.is_empty
    assert rules.decide({"email": "ana.lopez@bostoncompact.org"}).role is None


@pytest.mark.parametrize(
    "access",
    [
        {"coordinators": "ana@a.org"},  # a string, not a list: would otherwise match letter by letter
        {"coordinators": ["not an email"]},
        {"funders": ["@"]},
        {"funders": ["@localhost"]},
        {"funders": [42]},
        {"coordinator": ["ana@a.org"]},  # misspelt key: silently ignoring it would lock people out unseen
    ],
)
def test_malformed_access_tables_are_errors(access):
    with pytest.raises(ValueError, match=r"\[access\]"):
        AccessRules.from_mapping(access)


def test_a_malformed_entry_is_named_by_position_not_shown():
    with pytest.raises(ValueError, match="coordinators: entry 2 ") as raised:
        AccessRules.from_mapping({"coordinators": ["ana@a.org", "ana at home"]})
    assert "ana" not in str(raised.value)  # the message reaches visitors who are not signed in
