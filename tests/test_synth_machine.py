"""The same seed writes the same sample bytes on any machine, not only on the one that wrote it.

Each run generates the sample in a fresh interpreter made to look like another machine: another
string-hash seed, another time zone, another locale (applied with setlocale, as an app would),
numpy's CPU-specific SIMD kernels switched off down to the build's baseline, and glibc's
AVX/FMA variants of libm (exp, log, pow) switched off. The bytes must equal data/sample.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from numpy._core._multiarray_umath import __cpu_dispatch__, __cpu_features__

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "sample"
# glibc picks libm's exp/log/pow by these CPU features; a minus turns one off (names unknown to an
# older glibc are ignored).
GLIBC_HWCAPS = "glibc.cpu.hwcaps=-AVX,-AVX2,-FMA,-FMA4,-AVX512F,-AVX512DQ,-AVX512VL,-AVX512BW"

GENERATE = """
import json, locale, sys
locale.setlocale(locale.LC_ALL, "")
from numpy._core._multiarray_umath import __cpu_features__
from analytics import cli
code = cli.main(["generate", "--out", sys.argv[1]])
print(json.dumps({"simd": [f for f, on in __cpu_features__.items() if on], "locale": locale.setlocale(locale.LC_TIME)}))
sys.exit(code)
"""


def _simd_beyond_baseline() -> list[str]:
    """The dispatch targets numpy found on this CPU: what it would use beyond the build's baseline."""
    return [name for name in __cpu_dispatch__ if __cpu_features__.get(name)]


def _other_locales() -> list[str]:
    """Locales unlike the test's own: a real language first when one is installed (other month
    names, a decimal comma), then C.UTF-8 and POSIX, which every glibc has."""
    try:
        listed = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        listed = []
    languages = [name for name in listed if name.split("_")[0] in ("de", "fr", "tr", "ja")]
    fallbacks = [name for name in ("C.utf8", "C.UTF-8", "POSIX") if name in listed or name == "POSIX"]
    return (languages[:1] + fallbacks)[:2]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.suffix in (".csv", ".xlsx", ".md")}


def _machines() -> list[tuple[str, dict[str, str]]]:
    simd = " ".join(_simd_beyond_baseline())
    first, second = (_other_locales() + ["POSIX", "POSIX"])[:2]
    return [
        # 14 hours east of UTC, numpy without its SIMD kernels
        ("east", {"PYTHONHASHSEED": "1", "TZ": "XST-14", "LC_ALL": first, "NPY_DISABLE_CPU_FEATURES": simd}),
        # 11 hours west, glibc's libm without its FMA/AVX variants, numpy without SIMD either
        (
            "west",
            {
                "PYTHONHASHSEED": "4242",
                "TZ": "YST+11",
                "LC_ALL": second,
                "GLIBC_TUNABLES": GLIBC_HWCAPS,
                "NPY_DISABLE_CPU_FEATURES": simd,
            },
        ),
    ]


@pytest.mark.parametrize(("name", "changes"), _machines(), ids=[m[0] for m in _machines()])
def test_the_sample_is_the_same_bytes_on_another_machine(tmp_path, name, changes):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "NPY_", "GLIBC_TUNABLES"))}
    env.update(changes, LANG=changes["LC_ALL"], PYTHONPATH=str(REPO))
    out = tmp_path / name
    done = subprocess.run(
        [sys.executable, "-c", GENERATE, str(out)], cwd=REPO, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    # The run really was another machine: none of the SIMD targets left, the locale in force.
    assert set(seen["simd"]) & set(changes["NPY_DISABLE_CPU_FEATURES"].split()) == set()
    assert seen["locale"] == {"POSIX": "C"}.get(changes["LC_ALL"], changes["LC_ALL"])
    generated, committed = _files(out), _files(SAMPLE)
    assert len(committed) >= 12
    differ = sorted(n for n in committed.keys() | generated.keys() if committed.get(n) != generated.get(n))
    assert differ == [], f"another machine writes other bytes for the same seed in {differ}"
