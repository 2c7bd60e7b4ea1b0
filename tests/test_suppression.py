"""Small-cell suppression on hand-made tables with exactly known results."""

from __future__ import annotations

import pandas as pd
import pytest
from builders import frame_of

from analytics.exports.suppression import rule_text, suppress, suppress_tables
from analytics.metrics.spec import TABLES

NA = pd.NA


def by_term(**columns) -> pd.DataFrame:
    base = {
        "term": ["Spring 2018"],
        "courses": [3],
        "enrollments": [30],
        "participants": [25],
        "new_participants": [3],
        "returning_participants": [22],
        "schools": [4],
        "leaders": [4],
        "mentors": [0],
    }
    base.update(columns)
    return pd.DataFrame(base)


def cells(frame: pd.DataFrame) -> list[list[object]]:
    """Rows as plain lists with NA as None, for exact comparisons."""
    return [[None if pd.isna(v) else v for v in row] for row in frame.itertuples(index=False, name=None)]


def test_primary_and_complementary_in_one_row():
    result = suppress(by_term(), TABLES["participation_by_term"], 10)
    # new (3) is small; returning would then be participants - new, so the smaller part goes too.
    # courses and schools are not counts of people; mentors 0 stays 0; leaders 4 is small.
    assert cells(result.frame) == [["Spring 2018", 3, 30, 25, None, None, 4, None, 0]]
    assert result.withheld == 3
    assert result.mask.sum().to_dict() == {
        "term": 0,
        "courses": 0,
        "enrollments": 0,
        "participants": 0,
        "new_participants": 1,
        "returning_participants": 1,
        "schools": 0,
        "leaders": 1,
        "mentors": 0,
    }
    assert result.notes[0] == rule_text(10)
    assert "2 cell(s) withheld because they count 1 to 9: leaders (1), new_participants (1)." in result.notes
    assert any("1 further cell(s)" in n and "returning_participants (1)" in n for n in result.notes)


def test_small_total_with_its_only_part_needs_no_complement():
    frame = by_term(participants=[7], new_participants=[7], returning_participants=[0], enrollments=[8], leaders=[12])
    result = suppress(frame, TABLES["participation_by_term"], 10)
    # two unknowns in participants = new + returning (0 shown): neither can be worked out
    assert cells(result.frame) == [["Spring 2018", 3, None, None, None, 0, 4, 12, 0]]
    assert not any("further" in n for n in result.notes[1:])


def test_without_threshold_nothing_changes():
    frame = by_term()
    for k in (None, 0, 1):
        result = suppress(frame, TABLES["participation_by_term"], k)
        assert cells(result.frame) == cells(frame)
        assert result.withheld == 0 and result.notes == []


def test_nothing_small_says_so():
    frame = by_term(new_participants=[10], returning_participants=[15], leaders=[10])
    result = suppress(frame, TABLES["participation_by_term"], 10)
    assert result.withheld == 0
    assert result.notes[-1] == "Nothing needed withholding: every count is 0 or at least 10."


def test_rates_go_with_their_counts_and_blank_rates_are_not_counted():
    frame = frame_of(
        "term participants new_participants returning_participants returning_rate",
        ("Spring 2018", 0, 0, 0, float("nan")),
        ("Fall 2018", 40, 35, 5, 0.125),
        ("Spring 2019", 50, 20, 30, 0.6),
    )
    result = suppress(frame, TABLES["returning_by_term"], 10)
    assert cells(result.frame) == [
        ["Spring 2018", 0, 0, 0, None],
        ["Fall 2018", 40, None, None, None],
        ["Spring 2019", 50, 20, 30, 0.6],
    ]
    assert "1 rate(s) or average(s) withheld as computed from withheld counts: returning_rate (1)." in result.notes
    assert str(result.frame["participants"].dtype) == "Int64"
    assert str(result.frame["returning_rate"].dtype) == "Float64"


def test_small_cohort_withholds_its_whole_row_but_keeps_zeros():
    frame = frame_of(
        "cohort cohort_size term active retention_rate",
        ("Spring 2018", 8, "Spring 2018", 8, 1.0),
        ("Spring 2018", 8, "Fall 2018", 3, 0.375),
        ("Spring 2018", 8, "Spring 2019", 0, 0.0),
        ("Fall 2018", 40, "Fall 2018", 40, 1.0),
        ("Fall 2018", 40, "Spring 2019", 12, 0.3),
    )
    result = suppress(frame, TABLES["cohort_retention"], 10)
    assert cells(result.frame) == [
        ["Spring 2018", None, "Spring 2018", None, None],
        ["Spring 2018", None, "Fall 2018", None, None],
        ["Spring 2018", None, "Spring 2019", 0, None],
        ["Fall 2018", 40, "Fall 2018", 40, 1.0],
        ["Fall 2018", 40, "Spring 2019", 12, 0.3],
    ]


def pipeline(**columns) -> pd.DataFrame:
    """A three-term leader_pipeline frame: the same participants and leaders; mentors, steps and totals given."""
    shared = {
        "term": ["Spring 2018", "Fall 2018", "Spring 2019"],
        "participants": [100, 120, 130],
        "leaders": [12, 14, 25],
        "mentors": None,
        "new_leaders": None,
        "leaders_from_participants": [0, 11, 15],
        "cumulative_leaders": None,
        "cumulative_mentors": None,
    }
    return pd.DataFrame(shared | columns)  # the union keeps the columns in the table's order


def test_a_small_step_between_running_totals_is_withheld_on_both_sides():
    frame = pipeline(
        mentors=[0, 0, 0], new_leaders=[12, 3, 20], cumulative_leaders=[12, 15, 35], cumulative_mentors=[0, 0, 0]
    )
    result = suppress(frame, TABLES["leader_pipeline"], 10)
    # new_leaders 3 is small; 15 - 12 would give it back, and 35 - 20 would give 15 back:
    # so cumulative 15 and the next step (20) are withheld too.
    assert cells(result.frame) == [
        ["Spring 2018", 100, 12, 0, 12, 0, 12, 0],
        ["Fall 2018", 120, 14, 0, None, 11, None, 0],
        ["Spring 2019", 130, 25, 0, None, 15, 35, 0],
    ]


def test_a_running_total_without_a_step_column_hides_small_steps():
    frame = pipeline(
        mentors=[10, 12, 11], new_leaders=[12, 10, 20], cumulative_leaders=[12, 22, 42], cumulative_mentors=[10, 14, 30]
    )
    result = suppress(frame, TABLES["leader_pipeline"], 10)
    shown = result.frame["cumulative_mentors"]
    # 14 - 10 = 4 new mentors in Fall 2018: one of the two is withheld, and 30 - 10 = 20 may stay
    assert shown.isna().sum() == 1
    assert shown.iloc[2] == 30
    assert result.frame["cumulative_leaders"].notna().all()


def test_tables_suppressed_together_protect_each_other():
    term = by_term(
        participants=[44], new_participants=[24], returning_participants=[20], leaders=[12], enrollments=[45]
    )
    sectors = frame_of(
        "term sector enrollments participants new_participants returning_participants",
        ("Spring 2018", "district", 20, 20, 10, 10),
        ("Spring 2018", "charter", 20, 20, 10, 10),
        ("Spring 2018", "catholic", 5, 4, 4, 0),
    )
    alone = suppress(sectors, TABLES["participation_by_sector"], 10)
    together = suppress_tables({"participation_by_term": term, "participation_by_sector": sectors}, 10)
    # alone, only the small cells go; beside the term's totals a second sector must go too,
    # or catholic = term total - district - charter
    assert alone.frame["participants"].isna().sum() == 1
    withheld = together["participation_by_sector"].frame
    for column in ("enrollments", "participants", "new_participants"):
        assert withheld[column].isna().sum() == 2, column
    assert withheld["returning_participants"].tolist() == [10, 10, 0]
    assert together["participation_by_term"].frame["participants"].iloc[0] == 44


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_table_keeps_its_columns_and_rows(name):
    spec = TABLES[name]
    frame = pd.DataFrame({c: ([f"{c} a", f"{c} b"] if c in spec.keys else [3, 12]) for c in spec.columns})
    result = suppress(frame, spec, 10)
    assert list(result.frame.columns) == list(spec.columns)
    assert len(result.frame) == 2
    for col in spec.person_counts:
        assert pd.isna(result.frame[col].iloc[0]) and result.frame[col].iloc[1] >= 10


def test_a_number_two_tables_share_is_withheld_in_both_or_neither():
    # one sector selected: its rows repeat the term totals, and returning_by_term repeats them again
    term = by_term(participants=[16], new_participants=[11], returning_participants=[5], leaders=[13], enrollments=[18])
    sector = frame_of(
        "term sector enrollments participants new_participants returning_participants",
        ("Spring 2018", "independent", 18, 16, 11, 5),
    )
    returning = frame_of(
        "term participants new_participants returning_participants returning_rate",
        ("Spring 2018", 16, 11, 5, 0.3125),
    )
    frames = {"participation_by_term": term, "participation_by_sector": sector, "returning_by_term": returning}
    result = suppress_tables(frames, 10)
    for name in frames:
        shown = result[name].frame.iloc[0]
        assert shown["participants"] == 16, name
        assert pd.isna(shown["new_participants"]) and pd.isna(shown["returning_participants"]), name
