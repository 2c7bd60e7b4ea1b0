"""The docs hold to the code, and every citation in the repository resolves (docs/STYLE.md, "Citing the docs").

- every ``*.md`` path cited in code, tests, SQL and docs is a file of the repository, and every
  section cited with it (``FILE#anchor``, ``FILE, "Heading"``, ``FILE `name` ``) is a heading of it;
- every table of ``analytics.metrics.spec.TABLES`` (and the insight tables) has a heading in
  docs/METRICS.md whose ``Columns:`` line is the spec's columns, in order;
- every kind, canonical column, required column and canonical value of the importer is in
  docs/DATA.md;
- every command of ``python -m analytics`` is named in the README or the docs.

The checkers take their input as arguments, so the tests at the end can show that each one
fails on a broken document.
"""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

import pytest

from analytics import insights, vocab
from analytics.cli import build_parser
from analytics.ingest.headers import CANONICAL, KIND_COLUMNS, KINDS, missing_required
from analytics.metrics.spec import TABLES

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
METRICS = ROOT / "docs/METRICS.md"
DATA = ROOT / "docs/DATA.md"
SCANNED_SUFFIXES = {".py", ".sql", ".md", ".toml", ".txt", ".cfg", ".css", ".html", ".yml", ".yaml", ".sh"}
SCANNED_NAMES = {"Makefile", "run"}
SKIPPED_DIRS = {
    ".git",
    ".venv",
    "venv",
    "node_modules",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    "test-artifacts",
}

# A path ending in .md that is not part of a longer path or an address, with an optional section:
# "#anchor", ', "Heading"', or " `name`" / ", `name`".
CITATION = re.compile(
    r"(?<![\w./:-])(?P<path>(?:\.{1,2}/)*(?:[\w.-]+/)*[\w-]+\.md)"
    r"(?:#(?P<anchor>[\w-]+)|,\s*\"(?P<quoted>[^\"\n]+)\"|(?:,\s*|\s+)`(?P<name>[\w-]+)`)?"
)
IN_PAGE_ANCHOR = re.compile(r"\]\(#(?P<anchor>[\w-]+)\)")
HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")


# --- reading documents -------------------------------------------------------------------


def scanned_files(root: Path) -> list[Path]:
    """Text files of the project that may cite a document (virtualenvs, caches and .git left out)."""
    found = []
    for folder, dirs, files in os.walk(root):  # does not follow symlinks (.venv is one)
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS)
        for name in sorted(files):
            path = Path(folder) / name
            if path.suffix in SCANNED_SUFFIXES or name in SCANNED_NAMES:
                found.append(path)
    return found


def headings(text: str) -> list[tuple[int, str]]:
    """(level, text) of every markdown heading outside fenced code, backticks removed."""
    found, fenced = [], False
    for line in text.splitlines():
        if FENCE.match(line):
            fenced = not fenced
            continue
        match = None if fenced else HEADING.match(line)
        if match:
            found.append((len(match[1]), match[2].replace("`", "").strip()))
    return found


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def section(text: str, title: str) -> str:
    """The text under the heading ``title`` up to the next heading of the same or a higher level."""
    lines = text.splitlines()
    for pos, line in enumerate(lines):
        match = HEADING.match(line)
        if match and match[2].replace("`", "").strip() == title:
            level = len(match[1])
            body = []
            for following in lines[pos + 1 :]:
                nxt = HEADING.match(following)
                if nxt and len(nxt[1]) <= level:
                    break
                body.append(following)
            return "\n".join(body)
    raise LookupError(title)


# --- citations ---------------------------------------------------------------------------


def resolve(cited: str, citing: Path, root: Path, *, link: bool = False) -> Path | None:
    """The repository file a citation names: relative to the citing file, else to the root.

    A markdown link (``[text](path)``) resolves relative to its file only, as a browser does.
    """
    for base in (citing.parent,) if link else (citing.parent, root):
        candidate = (base / cited).resolve()
        if candidate.is_file() and candidate.is_relative_to(root.resolve()):
            return candidate
    return None


def citation_problems(root: Path) -> list[str]:
    """One line per citation that does not resolve to a file, or to a heading of it."""
    problems = []
    for path in scanned_files(root):
        text = path.read_text(encoding="utf-8", errors="replace")
        where = path.relative_to(root)
        for match in CITATION.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            link = path.suffix == ".md" and text[max(0, match.start() - 2) : match.start()] == "]("
            target = resolve(match["path"], path, root, link=link)
            if target is None:
                problems.append(f"{where}:{line}: {match['path']} is not a file of the repository")
                continue
            if target.suffix != ".md" or not (match["anchor"] or match["quoted"] or match["name"]):
                continue
            titles = [title for _, title in headings(target.read_text(encoding="utf-8"))]
            if match["anchor"] and match["anchor"].lower() not in {slug(t) for t in titles}:
                problems.append(f"{where}:{line}: {match['path']} has no heading with anchor #{match['anchor']}")
            if match["quoted"] and match["quoted"].casefold() not in {t.casefold() for t in titles}:
                problems.append(f"{where}:{line}: {match['path']} has no heading {match['quoted']!r}")
            if match["name"] and match["name"] not in titles:
                problems.append(f"{where}:{line}: {match['path']} has no heading `{match['name']}`")
        if path.suffix == ".md":
            own = {slug(t) for _, t in headings(text)}
            for match in IN_PAGE_ANCHOR.finditer(text):
                if match["anchor"] not in own:
                    line = text.count("\n", 0, match.start()) + 1
                    problems.append(f"{where}:{line}: no heading here with anchor #{match['anchor']}")
    return problems


def test_every_cited_document_and_section_exists():
    assert citation_problems(ROOT) == []


# A repository path in backticks (`analytics/metrics/spec.py`): it names a file or folder that exists.
REPO_PATH = re.compile(r"`((?:analytics|ui|pages|tests|tools|docs|data)/[\w./-]*[\w/])`")
PLACEHOLDERS = re.compile(r"NAME|NNN|\*")
MADE_AT_RUN_TIME = {"data/warehouse.duckdb"}  # the warehouse the dashboard creates (not in the repository)


def missing_paths(text: str, root: Path) -> list[str]:
    """Backticked repository paths of ``text`` that name nothing (``ui/components.table``: a name in a module)."""
    missing = []
    for match in REPO_PATH.finditer(text):
        path = match[1]
        if PLACEHOLDERS.search(path) or path in MADE_AT_RUN_TIME:
            continue
        module = re.sub(r"\.\w+$", ".py", path)
        if not (root / path).exists() and not (root / module).exists():
            missing.append(path)
    return missing


def test_every_repository_path_the_docs_name_exists():
    documents = [*sorted(DOCS.rglob("*.md")), ROOT / "README.md"]
    problems = {str(d.relative_to(ROOT)): missing_paths(d.read_text(encoding="utf-8"), ROOT) for d in documents}
    assert {doc: paths for doc, paths in problems.items() if paths} == {}


def test_a_path_that_names_nothing_is_reported():
    text = "See `analytics/metrics/spec.py`, `ui/components.table`, `analytics/sql/metrics/NAME.sql` and `ui/gone.py`."
    assert missing_paths(text, ROOT) == ["ui/gone.py"]


def test_nothing_cites_files_outside_the_repository():
    # A clone must stand on its own: no specification folder beside it, no paths of one machine.
    pattern = re.compile(r"\.\./" + "shared|/" + "work/")
    offenders = [
        f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, m.start()) + 1}"
        for path in scanned_files(ROOT)
        for text in [path.read_text(encoding="utf-8", errors="replace")]
        for m in pattern.finditer(text)
    ]
    assert offenders == []


# --- docs/METRICS.md against the table specs -----------------------------------------------


def documented_columns(text: str, table: str) -> tuple[str, ...]:
    """The ``Columns: `a, b, c` `` line under the table's heading, as a tuple."""
    match = re.search(r"^Columns: `([^`]+)`", section(text, table), re.M)
    if match is None:
        raise LookupError(f"no 'Columns:' line under {table}")
    return tuple(column.strip() for column in match[1].split(","))


ALL_SPECS = {**TABLES, **insights.SPECS}


@pytest.mark.parametrize("name", sorted(ALL_SPECS))
def test_every_table_is_documented_with_its_columns_in_order(name):
    text = METRICS.read_text(encoding="utf-8")
    assert documented_columns(text, name) == ALL_SPECS[name].columns


# --- docs/DATA.md against the importer's vocabulary ----------------------------------------


def backticked(text: str) -> set[str]:
    return set(re.findall(r"`([^`\n]+)`", text))


def required_documented(kind_section: str) -> set[str]:
    """Canonical names on the section's ``Required:`` paragraph."""
    match = re.search(r"^Required:(.*?)(?:\n\s*\n|\Z)", kind_section, re.S | re.M)
    if match is None:
        raise LookupError("no 'Required:' paragraph")
    return backticked(match[1])


def kind_problems(text: str, kind: str) -> list[str]:
    """What docs/DATA.md's section on ``kind`` lacks or gets wrong, one line each."""
    try:
        body = section(text, kind)
    except LookupError:
        return [f"no heading `{kind}`"]
    problems = [f"{kind}: column `{c}` not documented" for c in KIND_COLUMNS[kind] if c not in backticked(body)]
    required = set(re.findall(r"[a-z_]+", " ".join(missing_required(kind, set())))) & CANONICAL
    try:
        documented = required_documented(body)
    except LookupError:
        return [*problems, f"{kind}: no 'Required:' paragraph"]
    if documented != required:
        problems.append(f"{kind}: documented required {sorted(documented)}, the importer requires {sorted(required)}")
    return problems


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_and_its_columns_are_documented(kind):
    assert kind_problems(DATA.read_text(encoding="utf-8"), kind) == []


@pytest.mark.parametrize(
    ("heading", "values"),
    [("Sectors", vocab.SECTORS), ("Strands", vocab.CATEGORIES), ("Statuses", vocab.STATUSES)],
)
def test_every_canonical_value_is_documented(heading, values):
    body = section(DATA.read_text(encoding="utf-8"), heading)
    assert [v for v in values if v not in backticked(body)] == []


# --- commands ------------------------------------------------------------------------------


def command_names() -> list[str]:
    parser = build_parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return sorted(sub.choices)


def undocumented_commands(names: list[str], text: str) -> list[str]:
    """Commands named neither as `name ...` nor after ``python -m analytics``."""
    return [
        n for n in names if not re.search(rf"(?:`|`python -m analytics |python -m analytics ){re.escape(n)}\b", text)
    ]


def test_every_command_is_documented():
    names = command_names()
    assert {"ingest", "export", "undo"} <= set(names)  # the discovery itself works
    text = "\n".join(p.read_text(encoding="utf-8") for p in [ROOT / "README.md", *sorted(DOCS.rglob("*.md"))])
    assert undocumented_commands(names, text) == []


# --- the checkers fail on broken documents -------------------------------------------------


def test_a_missing_document_or_section_is_reported(tmp_path):
    # Names are built in pieces so that this file does not itself cite a missing document.
    missing = "docs/" + "GONE" + ".md"
    guide = "docs/" + "GUIDE" + ".md"
    (tmp_path / "docs").mkdir()
    (tmp_path / guide).write_text(
        f"# Guide\n\n## Real part\n\nSee [below](#nowhere), [this]({guide}) and [that]({guide[5:]}).\n"
    )
    (tmp_path / "code.py").write_text(
        f'# {missing}\n# {guide}, "Real part"\n# {guide}, "Made-up part"\n'
        f"# {guide}#real-part\n# {guide}#made-up\n-- ({guide} `Guide`) ({guide} `nope`)\n"
    )
    problems = citation_problems(tmp_path)
    assert [p.split(": ", 1)[0] for p in problems] == [
        "code.py:1",
        "code.py:3",
        "code.py:5",
        "code.py:6",
        f"{guide}:5",
        f"{guide}:5",
    ]


def test_a_wrong_column_list_is_caught():
    text = METRICS.read_text(encoding="utf-8")
    columns = TABLES["returning_by_term"].columns
    swapped = text.replace(", ".join(columns), ", ".join((*columns[:-2], columns[-1], columns[-2])))
    assert swapped != text
    assert documented_columns(swapped, "returning_by_term") != columns
    with pytest.raises(LookupError):
        documented_columns(text.replace("### `returning_by_term`", "### returning"), "returning_by_term")


def test_an_undocumented_column_or_required_column_is_caught():
    text = DATA.read_text(encoding="utf-8")
    body = section(text, "surveys")
    assert kind_problems(text.replace(body, body.replace("`lead_interest`", "lead interest")), "surveys") != []
    assert kind_problems(text.replace("### `schools`", "### Schools"), "schools") == ["no heading `schools`"]
    required = "Required: `school`; `sector`."
    assert required in text
    assert kind_problems(text.replace(required, "Required: `school`."), "schools") != []


def test_an_undocumented_command_is_caught():
    text = "`ingest FILE...` imports; see python -m analytics goals set; ingesting is frobnicate-free"
    assert undocumented_commands(["ingest", "goals", "frobnicate"], text) == ["frobnicate"]
