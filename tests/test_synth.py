"""The generator: deterministic bytes, the committed sample is its output, N rows on request,
and only header spellings and term spellings the importer is promised to read."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics import cli, synth
from analytics.ingest.headers import CANONICAL
from analytics.synth.layouts import TERM_SPELLINGS
from analytics.synth.plan import sample_plan, scaled_plan
from analytics.synth.world import simulate
from analytics.vocab import parse_term

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "sample"

# The importer's canonical names (docs/DATA.md, checked there by tests/test_docs.py) and the synonyms the docs
# promise, compared the way the importer compares headers (case, spaces, punctuation and underscores
# ignored). `Order #` is an extra column the importer leaves alone.
PROMISED = {"emailaddress", "e-mail", "schoolname", "semester", "session", "coursename", "course", "courseid"}
PROMISED |= {"timestamp", "firstname", "lastname", "order#"}


def _norm(header: str) -> str:
    return re.sub(r"[\s_]+", "", header.strip().lower())


def _allowed(header: str) -> bool:
    key = _norm(header)
    return key in {_norm(c) for c in CANONICAL} or key in PROMISED


def read_csv_rows(path: Path) -> list[dict[str, str]]:
    """A generated CSV as dicts, whatever its encoding (BOM, UTF-8, Windows-1252) and delimiter."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    lines = text.splitlines()
    start = 1 if lines[0].startswith("Boston Educators Collaborative") else 0  # the catalog's title line
    sep = ";" if lines[start].count(";") > lines[start].count(",") else ","
    return list(csv.DictReader(io.StringIO("\n".join(lines[start:])), delimiter=sep))


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.suffix in (".csv", ".xlsx", ".md")}


def test_same_seed_writes_the_same_bytes(tmp_path):
    synth.generate(tmp_path / "a", seed=11)
    synth.generate(tmp_path / "b", seed=11)
    first, second = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert len(first) >= 10
    assert first == second


def test_another_seed_writes_other_people(tmp_path):
    synth.generate(tmp_path / "a", seed=11)
    synth.generate(tmp_path / "b", seed=12)
    first, second = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert first.keys() == second.keys()
    assert all(first[name] != second[name] for name in first)


def test_committed_sample_is_what_make_sample_writes(tmp_path):
    synth.generate(tmp_path, seed=synth.DEFAULT_SEED)
    assert _files(SAMPLE) == _files(tmp_path), "data/sample is stale: run `make sample` and commit it"


def test_generating_again_replaces_earlier_generated_files(tmp_path):
    synth.generate(tmp_path, enrollments=3000)
    (tmp_path / "notes.txt").write_text("mine")
    synth.generate(tmp_path)
    names = {p.name for p in tmp_path.iterdir()}
    assert "registrations_2018.csv" not in names  # a file of the bigger collaborative
    assert "registrations_spring_2018.csv" in names
    assert "notes.txt" in names  # not the generator's: left alone


def test_enrollments_option_writes_that_many_registration_rows(tmp_path, capsys):
    assert cli.main(["generate", "--enrollments", "20000", "--out", str(tmp_path), "--seed", "3"]) == 0
    printed = capsys.readouterr().out
    rows = sum(len(read_csv_rows(p)) for p in tmp_path.glob("registrations_*.csv"))
    assert abs(rows - 20_000) <= 400
    assert "20,000 registration rows" in printed
    kinds = {p.name.split("_")[0] for p in tmp_path.iterdir()}
    assert {"course", "registrations", "survey"} <= kinds


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--enrollments", "5", "at least 200"),
        ("--enrollments", "lots", "not a whole number"),
        ("--seed", "-1", "0 or more"),
    ],
)
def test_bad_options_are_usage_errors(tmp_path, capsys, option, value, message):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["generate", option, value, "--out", str(tmp_path)])
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("folder", ["sample", "scaled"])
def test_headers_are_ones_the_importer_promises_to_read(tmp_path, folder):
    out = SAMPLE if folder == "sample" else tmp_path
    if folder == "scaled":
        synth.generate(tmp_path, enrollments=6000)
    checked = 0
    for path in sorted(out.glob("*.csv")):
        headers = list(read_csv_rows(path)[0])
        assert [h for h in headers if not _allowed(h)] == [], path.name
        checked += 1
    assert checked >= 5


def test_every_term_is_spelled_so_the_importer_reads_it():
    bad = []
    for path in sorted(SAMPLE.glob("registrations_*.csv")):
        for row in read_csv_rows(path):
            term = next(v for k, v in row.items() if _norm(k) in ("term", "semester", "session"))
            if parse_term(term) is None:
                bad.append(term)
    assert bad == ["TBD"]  # the one deliberately bad row
    for spell in TERM_SPELLINGS.values():
        for plan in scaled_plan(1_000_000):
            assert parse_term(spell(plan.term)) == plan.term


def test_scaled_plan_grows_past_the_sample_and_keeps_the_pilot():
    small, big = scaled_plan(20_000), scaled_plan(1_000_000)
    assert len(big) > len(small) >= len(sample_plan())
    assert big[0].courses == 6 and big[0].term.label == "Spring 2017"
    assert sum(p.courses for p in big) > 40_000
    assert big[-1].in_progress and not any(p.in_progress for p in big[:-1])


def test_identity_overrides_lists_the_sample_teacher_with_two_emails():
    pair = synth.identity_override(synth.DEFAULT_SEED)
    assert pair is not None and pair[0] != pair[1]
    lines = (REPO / "data" / "identity_overrides.csv").read_text().splitlines()
    assert lines[0] == "email,same_as_email"
    assert f"{pair[0]},{pair[1]}" in lines[1:]


def test_sample_readme_names_the_people_a_coordinator_should_look_at():
    world = simulate(synth.DEFAULT_SEED, sample_plan())
    readme = (SAMPLE / "README.md").read_text()
    person, since, _ = world.alias
    alias = world.people.iloc[person]
    assert f"{alias['first']} {alias['last']} registered" in readme
    assert f"(from {world.plans[since].term.label.lower()})" in readme
    twin = world.people.iloc[world.twins[0]]
    assert f"named {twin['first']} {twin['last']}," in readme


def test_an_output_folder_that_is_a_file_is_a_clear_error(tmp_path, capsys):
    blocker = tmp_path / "taken"
    blocker.write_text("not a folder")
    assert cli.main(["generate", "--out", str(blocker)]) == 2
    assert "cannot write into" in capsys.readouterr().err


@settings(max_examples=6, deadline=None)
@given(enrollments=st.integers(min_value=200, max_value=4000), seed=st.integers(min_value=0, max_value=10**6))
def test_any_size_and_seed_gives_exactly_that_many_registration_rows(tmp_path_factory, enrollments, seed):
    out = tmp_path_factory.mktemp("gen")
    written = synth.generate(out, seed=seed, enrollments=enrollments)
    assert sum(w.rows for w in written if w.kind == "enrollments") == enrollments
    assert sum(len(read_csv_rows(p)) for p in out.glob("registrations_*.csv")) == enrollments


def test_sample_readme_describes_every_file():
    readme = (SAMPLE / "README.md").read_text()
    described = set(re.findall(r"`([a-z0-9_]+\.(?:csv|xlsx))`", readme))
    assert described == {p.name for p in SAMPLE.iterdir() if p.suffix in (".csv", ".xlsx")}
