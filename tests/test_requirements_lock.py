"""The locks: every package of the environment at an exact version with hashes, in step with
requirements*.txt, and what this environment runs."""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCKS = {"requirements.txt": "requirements.lock", "requirements-dev.txt": "requirements-dev.lock"}


def _entries(path: Path) -> list[str]:
    """Requirement lines with their continuations joined, comments and includes dropped."""
    text = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    lines = (line.split(" #", 1)[0].strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith(("#", "-r", "-c"))]


def _locked(lock: str) -> dict[str, tuple[Requirement, list[str]]]:
    """name -> (requirement with its marker, hashes) for every entry of a lock."""
    out = {}
    for line in _entries(ROOT / lock):
        spec, *hashes = (part.strip() for part in line.split(" --hash="))
        requirement = Requirement(spec)
        assert canonicalize_name(requirement.name) not in out, f"{lock}: {requirement.name} twice"
        out[canonicalize_name(requirement.name)] = (requirement, hashes)
    return out


def _pins(requirements: str) -> dict[str, str]:
    pins = {}
    for line in _entries(ROOT / requirements):
        requirement = Requirement(line)
        (spec,) = requirement.specifier  # one exact pin per direct dependency
        assert spec.operator == "==", f"{requirements}: {line} is not pinned exactly"
        pins[canonicalize_name(requirement.name)] = spec.version
    return pins


@pytest.mark.parametrize("lock", sorted(LOCKS.values()))
def test_every_locked_package_has_an_exact_version_and_hashes(lock):
    locked = _locked(lock)
    assert len(locked) > 30  # the whole environment, not the direct dependencies only
    for name, (requirement, hashes) in locked.items():
        (spec,) = requirement.specifier
        assert spec.operator == "==", f"{lock}: {name} {spec}"
        assert hashes and all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in hashes), f"{lock}: {name}"


@pytest.mark.parametrize(("requirements", "lock"), sorted(LOCKS.items()))
def test_each_direct_pin_is_in_its_lock_at_that_version(requirements, lock):
    locked = _locked(lock)
    pins = _pins(requirements) | (_pins("requirements.txt") if requirements != "requirements.txt" else {})
    stale = {n: v for n, v in pins.items() if n not in locked or str(locked[n][0].specifier) != f"=={v}"}
    assert stale == {}, f"{lock} is stale for {sorted(stale)}: run `make lock` and commit both locks"


def test_the_tests_run_on_the_versions_make_run_installs():
    runtime, dev = _locked("requirements.lock"), _locked("requirements-dev.lock")
    differ = {n for n, (r, _) in runtime.items() if n not in dev or dev[n][0].specifier != r.specifier}
    assert differ == set()


def test_this_environment_is_the_dev_lock():
    wrong = {}
    for name, (requirement, _) in _locked("requirements-dev.lock").items():
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue  # another platform's package (colorama on Windows)
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = None
        if not requirement.specifier.contains(installed or "0", prereleases=True):
            wrong[name] = installed
    assert wrong == {}, "installed versions differ from requirements-dev.lock: run `make setup-dev`"
