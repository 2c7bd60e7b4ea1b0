"""Goals: what a coordinator may record, the command line, and goal_progress from (live or released) frames."""

from __future__ import annotations

import pandas as pd
import pytest
from builders import WarehouseBuilder, frame_of

from analytics import disclosure, goals
from analytics.cli import main
from analytics.errors import AnalyticsError
from analytics.exports import NotPublishedError


@pytest.mark.parametrize(
    ("metric", "period", "value", "stored"),
    [
        ("participants", "Spring 2018", "250", ("participants", "Spring 2018", 250.0)),
        ("Participants", "SP18", "1,250", ("participants", "Spring 2018", 1250.0)),
        ("returning_rate", "2019-2020", "35%", ("returning_rate", "2019-20", 0.35)),
        ("returning_rate", "Fall 2019", "0.4", ("returning_rate", "Fall 2019", 0.4)),
        ("cumulative_leaders", "2019-20", "100", ("cumulative_leaders", "2019-20", 100.0)),
    ],
)
def test_goals_as_typed(metric, period, value, stored):
    goal = goals.parse_goal(metric, period, value)
    assert (goal.metric, goal.period, goal.target) == stored


@pytest.mark.parametrize(
    ("metric", "period", "value", "named"),
    [
        ("teachers", "Fall 2019", "10", "'teachers'"),
        ("participants", "Fall 19 2", "10", "'Fall 19 2'"),
        ("participants", "2019-21", "10", "'2019-21'"),
        ("participants", "Fall 2019", "ten", "'ten'"),
        ("participants", "Fall 2019", "2.5", "'2.5'"),
        ("participants", "Fall 2019", "-1", "'-1'"),
        ("returning_rate", "Fall 2019", "1.2", "'1.2'"),
        ("returning_rate", "Fall 2019", "nan", "'nan'"),
        ("leaders_from_participants", "2019-20", "5", "'2019-20'"),
    ],
)
def test_a_bad_goal_is_an_error_naming_what_is_wrong(metric, period, value, named):
    with pytest.raises(AnalyticsError, match=named):
        goals.parse_goal(metric, period, value)


def test_set_replace_list_remove(con):
    goals.set_goal(con, "participants", "Fall 2019", "100")
    goals.set_goal(con, "schools", "2019-20", "30")
    goals.set_goal(con, "participants", "FA19", "120")  # the same goal: replaced, not added
    listed = goals.list_goals(con)
    # in the order recorded: replacing a goal records it anew
    assert listed.values.tolist() == [["schools", "2019-20", 30.0], ["participants", "Fall 2019", 120.0]]
    goals.remove_goal(con, "participants", "Fall 2019")
    assert goals.list_goals(con).values.tolist() == [["schools", "2019-20", 30.0]]
    with pytest.raises(AnalyticsError, match="no goal for participants in Fall 2019"):
        goals.remove_goal(con, "participants", "Fall 2019")


def _tables():
    by_term = frame_of(
        "term courses participants new_participants returning_participants schools leaders",
        ("Fall 2019", 3, 30, 30, 0, 10, 3),
        ("Spring 2020", 4, 40, 20, 20, 12, 4),
        ("Fall 2020", 5, 50, 25, 25, 14, 5),
    )
    by_year = frame_of(
        "school_year courses participants new_participants returning_participants schools leaders",
        ("2019-20", 7, 60, 50, 10, 15, 6),
        ("2020-21", 5, 50, 25, 25, 14, 5),
    )
    returning = by_term[["term", "participants", "new_participants", "returning_participants"]].assign(
        returning_rate=[0.0, 0.5, 0.5]
    )
    pipeline = pd.DataFrame(
        {"term": by_term.term, "leaders_from_participants": [0, 2, 3], "cumulative_leaders": [3, 6, 9]}
    )
    return {
        "participation_by_term": by_term,
        "participation_by_year": by_year,
        "returning_by_term": returning,
        "leader_pipeline": pipeline,
    }


def _goals(rows):
    return pd.DataFrame(rows, columns=["metric", "period", "target"])


def test_progress_from_table_frames():
    progress = goals.progress_from(
        _tables(),
        _goals(
            [
                ("participants", "Fall 2019", 25),  # met
                ("participants", "Spring 2020", 45),  # not met
                ("participants", "Fall 2020", 40),  # in progress: blank, however far past the target
                ("returning_rate", "2019-20", 0.2),  # 10 / 60 = 0.1667 from the year table: not met
                ("cumulative_leaders", "2019-20", 6),  # leaders so far at Spring 2020, the year's last term
                ("leaders_from_participants", "Spring 2020", 2),
                ("courses", "Winter 2020", 1),  # over, no row: nobody took part, 0
                ("schools", "Spring 2021", 10),  # still to come
            ]
        ),
        in_progress="Fall 2020",
    )
    assert list(progress.columns) == ["metric", "period", "target", "actual", "met"]
    actual = [None if pd.isna(v) else v for v in progress["actual"]]
    met = [None if pd.isna(v) else bool(v) for v in progress["met"]]
    assert actual == [30, 40, 50, 0.1667, 6, 2, 0, None]
    assert met == [True, False, None, False, True, True, False, None]


def test_a_withheld_actual_withholds_met():
    tables = _tables()
    released = tables["participation_by_term"].astype({"participants": "Int64"})
    released.loc[0, "participants"] = pd.NA
    tables["participation_by_term"] = released
    progress = goals.progress_from(tables, _goals([("participants", "Fall 2019", 25), ("schools", "Fall 2019", 5)]))
    assert progress["actual"].isna().tolist() == [True, False]
    assert progress["met"].isna().tolist() == [True, False]
    assert bool(progress["met"].iloc[1]) is True


def test_the_term_in_progress_comes_from_enrollment_status_when_given():
    tables = _tables()
    tables["enrollment_status"] = pd.DataFrame(
        {"term": ["Spring 2020", "Fall 2020"], "status": ["completed", "enrolled"], "enrollments": [40, 50]}
    )
    progress = goals.progress_from(tables, _goals([("participants", "Fall 2020", 40)]))
    assert progress["met"].isna().all()
    tables["enrollment_status"].loc[1, "status"] = "completed"
    assert bool(goals.progress_from(tables, _goals([("participants", "Fall 2020", 40)]))["met"].iloc[0]) is True


def test_command_line(db_path, con, capsys):
    w = WarehouseBuilder(con)
    w.course("Fall 2019", "A", leaders=["lee@x.org"])
    w.enroll("ann@x.org", "Fall 2019", "A", status="completed")
    w.enroll("bob@x.org", "Fall 2019", "A", status="completed")
    w.course("Spring 2020", "B", leaders=["lee@x.org"])
    w.enroll("ann@x.org", "Spring 2020", "B")
    con.close()
    assert main(["goals", "set", "participants", "FA19", "2", "--db", str(db_path)]) == 0
    assert main(["goals", "set", "participants", "Spring 2020", "5", "--db", str(db_path)]) == 0
    capsys.readouterr()
    assert main(["goals", "--format", "csv", "--db", str(db_path)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "metric,period,target,actual,met",
        "participants,Fall 2019,2.0,2.0,True",
        "participants,Spring 2020,5.0,1.0,",  # Spring 2020 has no completion yet: in progress
    ]
    assert main(["goals", "set", "teachers", "FA19", "2", "--db", str(db_path)]) == 2
    assert "unknown goal metric 'teachers'" in capsys.readouterr().err
    assert main(["goals", "set", "participants", "FA19", "many", "--db", str(db_path)]) == 2
    assert "'many'" in capsys.readouterr().err
    assert main(["goals", "remove", "participants", "Fall 2019", "--db", str(db_path)]) == 0
    assert main(["goals", "remove", "participants", "Fall 2019", "--db", str(db_path)]) == 2
    assert "no goal for participants in Fall 2019" in capsys.readouterr().err


def test_goal_progress_for_sharing_withholds_a_small_actual(con):
    w = WarehouseBuilder(con)
    w.course("Fall 2019", "A", leaders=["lee@x.org"])
    for n in range(12):
        w.enroll(f"p{n}@x.org", "Fall 2019", "A", status="completed")
    goals.set_goal(con, "participants", "Fall 2019", "10")
    goals.set_goal(con, "leaders", "Fall 2019", "1")  # one leader: a count under 10
    live = goals.goal_progress(con)
    assert live["actual"].tolist() == [12.0, 1.0] and live["met"].tolist() == [True, True]
    with pytest.raises(NotPublishedError, match="no release has been published yet"):
        goals.goal_progress(con, suppress_below=10)  # shared numbers come from a release only
    disclosure.publish(con, k=10, p=5)
    shared = goals.goal_progress(con, suppress_below=10)
    assert shared["actual"].isna().tolist() == [False, True]
    assert shared["met"].isna().tolist() == [False, True]
