"""Strands are data: a fourth strand is one line of the vocabulary (analytics/vocab.py), nothing else.

The metric queries read a participant's strands in a term as bits of one integer, numbered from
the strands in the data, not as one column per strand, so no query names a strand; these tests add a strand to a copy of the vocabulary and
count it end to end, and fail if a strand's name creeps back into the queries or the UI.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from builders import WarehouseBuilder, rows

from analytics import vocab
from analytics.charts.palette import CATEGORY_COLOURS
from analytics.filters import Filters
from analytics.metrics import compute

ROOT = Path(__file__).resolve().parent.parent
NAMED = [code for code in vocab.CATEGORIES if code != "other"]
# Still spelling strands, and why: the schema's comment (a released migration is never edited), the
# sample's course titles.
MAY_NAME_STRANDS = {
    "analytics/vocab.py",
    "analytics/sql/migrations/001_initial.sql",
    "analytics/synth/pools.py",
    "analytics/ingest/mapping.py",  # a docstring's example of a mapping file
    "analytics/disclosure/views.py",  # a comment's example of a view id
    "analytics/sql/staging/03_stg_participant_terms.sql",
    "analytics/sql/staging/04_strand_filters.sql",
}


def test_no_query_page_or_chart_names_a_strand():
    spelled = []
    for folder in ("analytics", "ui", "pages", "tools"):
        for path in sorted((ROOT / folder).rglob("*")):
            relative = path.relative_to(ROOT).as_posix()
            if path.suffix not in (".py", ".sql") or relative in MAY_NAME_STRANDS:
                continue
            text = path.read_text(encoding="utf-8")
            spelled += [f"{relative}: {code}" for code in NAMED if code in text]
    assert spelled == []


def test_every_strand_has_a_label_and_a_colour():
    assert set(vocab.CATEGORY_LABELS) == set(vocab.CATEGORIES) == set(CATEGORY_COLOURS)
    assert len(set(CATEGORY_COLOURS.values())) == len(CATEGORY_COLOURS)


def test_queries_count_a_strand_they_have_never_heard_of(con):
    """A strand missing from the vocabulary still counts: the SQL takes strands from the data."""
    w = WarehouseBuilder(con)
    w.course("Spring 2018", "A", "all_learners")
    w.course("Spring 2018", "S", "stem")
    w.course("Fall 2018", "T", "stem")
    for email in ("a@x.org", "b@x.org"):
        w.enroll(email, "Spring 2018", "A")
    w.enroll("b@x.org", "Spring 2018", "S")
    w.enroll("c@x.org", "Spring 2018", "S", sector="charter")
    w.enroll("c@x.org", "Fall 2018", "T", sector="charter")
    stem = Filters(categories=("stem",))  # built directly: Filters.parse knows only the vocabulary's strands
    assert rows(compute(con, "participation_by_category")) == [
        ("Spring 2018", "all_learners", 1, 2, 2),
        ("Spring 2018", "stem", 1, 2, 2),
        ("Fall 2018", "stem", 1, 1, 1),
    ]
    assert rows(compute(con, "participation_by_term", stem))[0][:6] == ("Spring 2018", 1, 2, 2, 2, 0)
    assert rows(compute(con, "returning_by_term", stem)) == [("Spring 2018", 2, 2, 0, 0.0), ("Fall 2018", 1, 0, 1, 1.0)]
    assert rows(compute(con, "cohort_retention", stem)) == [
        ("Spring 2018", 2, "Spring 2018", 2, 1.0),
        ("Spring 2018", 2, "Fall 2018", 1, 0.5),
    ]
    assert rows(compute(con, "participation_by_sector", stem))[:2] == [
        ("Spring 2018", "charter", 1, 1, 1, 0),
        ("Spring 2018", "district", 1, 1, 1, 0),
    ]


FOURTH_STRAND = """
import sys
from pathlib import Path
import analytics
source = Path("analytics/vocab.py").read_text(encoding="utf-8")
other = '    ("other", "Other", r"other"),'
assert source.count(other) == 1
source = source.replace(other, '    ("stem", "Science, technology and maths", r"stem|science"),\\n' + other)
module = type(sys)("analytics.vocab")
module.__file__ = "analytics/vocab.py"
sys.modules["analytics.vocab"] = module
analytics.vocab = module
exec(compile(source, "analytics/vocab.py", "exec"), module.__dict__)

from analytics import warehouse
from analytics.charts import participation_by_category
from analytics.charts.palette import CATEGORY_COLOURS
from analytics.filters import Filters
from analytics.metrics import compute
from builders import WarehouseBuilder

con = warehouse.connect(sys.argv[1])
w = WarehouseBuilder(con)
w.course("Spring 2018", "A", module.normalise_category("Supporting all learners"))
w.course("Spring 2018", "S", module.normalise_category("Science and STEM"))
w.enroll("a@x.org", "Spring 2018", "A")
w.enroll("b@x.org", "Spring 2018", "S")
w.enroll("c@x.org", "Spring 2018", "S")
frame = compute(con, "participation_by_category", Filters.parse(categories=["STEM"]))
figure = participation_by_category(compute(con, "participation_by_category"))
print(frame.to_dict("records"), "stem" in CATEGORY_COLOURS, sorted(trace.name for trace in figure.data))
"""


def test_a_fourth_strand_is_one_line_of_the_vocabulary(tmp_path):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")])}
    done = subprocess.run(
        [sys.executable, "-c", FOURTH_STRAND, str(tmp_path / "w.duckdb")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    expected_rows = "[{'term': 'Spring 2018', 'category': 'stem', 'courses': 1, 'enrollments': 2, 'participants': 2}]"
    assert done.stdout.strip() == f"{expected_rows} True ['Science, technology and maths', 'Supporting all learners']"
