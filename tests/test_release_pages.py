"""Every funder page, under every published view, shows exactly the release's numbers (AppTest, real frame).

Tables on the page equal the release's frames cell for cell; headline cards are the
release's latest-term cells (or "withheld", with no arrow); every number in every
chart trace is a number of the release (a term's average of published mixing
indexes is checked as that average). Nothing of the live data reaches a funder.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pandas as pd
import pytest
from app_support import errors, open_numbers, open_page, run_app
from release_support import (
    K,
    PublishedSample,
    array_numbers,
    chart_traces,
    displayed,
    leaks,
    publish_sample,
    rows,
    small_integers,
)

from analytics import disclosure
from analytics.filters import Filters
from analytics.vocab import parse_term
from ui import auth, format
from ui.navigation import visible_pages
from ui.role import FUNDER

FUNDER_PAGES = [p.url_path for p in visible_pages(FUNDER)]
NUMBER_IN_TEXT = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?![\d%])")  # a number in a label, not a percentage
VIEW_IDS = [view.id for view in disclosure.VIEWS]  # every view funders are offered


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> PublishedSample:
    return publish_sample(tmp_path_factory, tmp_path_factory.mktemp("release-pages"))


@pytest.fixture(autouse=True)
def funder(sample, monkeypatch):
    monkeypatch.setenv("ANALYTICS_DB", str(sample.path))
    monkeypatch.setattr(auth, "viewer", lambda: auth.Viewer(FUNDER, "signed_in", "grants@examplefoundation.org"))


def _numbers_of_view(sample: PublishedSample, view: str) -> set[float]:
    found: set[float] = set()
    for (_name, view_id), frame in sample.tables.items():
        if view_id != view:
            continue
        for column in frame.columns:
            values = pd.to_numeric(frame[column], errors="coerce").dropna()
            found |= {round(float(v), 6) for v in values}
    return found


def _mixing_averages(sample: PublishedSample, view: str) -> set[float]:
    if ("course_mix", view) not in sample.tables:  # not published under one sector
        return set()
    mix = sample.tables[("course_mix", view)]
    index = pd.to_numeric(mix["mixing_index"], errors="coerce")
    by_term = index.groupby(mix["term"]).mean().dropna()
    by_strand = index.groupby([mix["term"], mix["category"]]).mean().dropna()
    return {round(float(v), 6) for v in [*by_term, *by_strand]}


def _check_tables(at, sample: PublishedSample, view: str) -> int:
    published = [displayed(frame) for (_, v), frame in sample.tables.items() if v == view]
    for shown in at.dataframe:
        got = rows(shown.value)
        assert any(got == table[: len(got)] or set(got) <= set(table) for table in published), (
            f"a table on the page is not one of the release's: {list(shown.value.columns)}"
        )
    return len(at.dataframe)


def _check_charts(at, sample: PublishedSample, view: str) -> int:
    allowed = _numbers_of_view(sample, view)
    averages = _mixing_averages(sample, view)
    checked = 0
    for chart in at.get("plotly_chart"):
        for trace in chart_traces(chart.proto.spec):
            averaged = "average" in str(trace.get("name", "")).lower()
            for axis in ("x", "y", "z", "values", "customdata"):
                for number in array_numbers(trace.get(axis)):
                    value = round(number, 6)
                    if averaged and axis == "y":
                        assert any(abs(value - a) < 1e-6 for a in averages), (trace.get("name"), value)
                    else:
                        assert value in allowed, (trace.get("name"), axis, value)
                    checked += 1
            if (trace.get("meta") or {}).get("goal_marks"):
                continue  # a goal's label is the coordinators' target, not a count of the data
            for label in trace.get("text") or []:  # bar labels such as `19 of 69`, also shown on hover
                for token in NUMBER_IN_TEXT.findall(str(label)):
                    assert float(token.replace(",", "")) in allowed, (trace.get("name"), label)
                    checked += 1
    return checked


def _check_headlines(at, sample: PublishedSample, view: str) -> None:
    frame = sample.tables[("participation_by_term", view)]
    mask = sample.masks[("participation_by_term", view)]
    latest = max(range(len(frame)), key=lambda i: parse_term(frame["term"].iloc[i]).order)
    shown = {m.label: m for m in at.metric}
    for column, label in (("participants", "Participants"), ("courses", "Courses"), ("schools", "Schools")):
        metric = shown[label]
        if bool(mask[column].iloc[latest]):
            assert metric.value == "withheld" and not metric.delta, label
        else:
            assert metric.value == format.count(frame[column].iloc[latest]), label


@pytest.mark.parametrize("view", VIEW_IDS)
@pytest.mark.parametrize("url_path", FUNDER_PAGES)
def test_every_funder_page_shows_the_releases_numbers(sample, url_path, view):
    if view not in sample.views:
        pytest.fail(f"the release does not publish {view}; the funder views are {sample.views}")
    at = open_page(run_app(sample.queries[view]), url_path)
    assert errors(at) == []
    assert not [w for w in at.warning if "not published" in str(w.value)], "a published view gets no note"
    assert any(f"release {sample.release_id}" in str(c.value) for c in at.caption), "the page names its release"
    assert at.sidebar.selectbox(key="flt_view").value == view
    if sample.tables[("participation_by_term", view)].empty and url_path != "exports":
        # a published view with nobody in it (the sample has no "other" sector): the page says so, and shows nothing
        assert any("Nothing matches" in str(i.value) or "nothing to show" in str(i.value) for i in at.info)
        assert len(at.metric) == 0 and len(at.get("plotly_chart")) == 0
        return
    if url_path != "exports":  # the tables behind the charts, as a funder opens them
        at = open_numbers(at)
    tables = _check_tables(at, sample, view)
    numbers = _check_charts(at, sample, view)
    if url_path == "overview":
        _check_headlines(at, sample, view)
    if url_path != "exports":
        assert tables >= 1, "the page showed the tables behind its charts"
    if (url_path, view) == ("overview", "all"):
        assert numbers > 0, "the unfiltered overview draws published numbers (the checks above saw some)"
    text = "\n".join(
        [str(e.value) for kind in ("markdown", "caption", "title", "subheader", "info") for e in getattr(at, kind)]
        + [f.value.to_csv() for f in at.dataframe]
        + [c.proto.spec for c in at.get("plotly_chart")]
    )
    assert leaks(text, sample) == []


def test_a_term_range_keeps_rows_of_the_published_tables(sample):
    query = sample.queries["sector:charter"] | {"term_from": "Fall 2018"}
    at = open_numbers(open_page(run_app(query), "growth"))
    assert errors(at) == []
    assert at.sidebar.selectbox(key="flt_term_from").value == "Fall 2018"
    published = displayed(sample.tables[("participation_by_sector", "sector:charter")])
    shown = rows(next(f.value for f in at.dataframe if "sector" in f.value.columns))
    assert shown and set(shown) <= set(published) and len(shown) < len(published)
    assert all(parse_term(r[0]) >= parse_term("Fall 2018") for r in shown)


@pytest.mark.parametrize(
    "query",
    [
        {"sector": ["charter", "district"]},
        {"sector": ["charter"], "category": ["rigorous_curricula"]},
        {"category": ["all_learners", "rigorous_curricula"]},
    ],
    ids=["two-sectors", "sector-and-strand", "two-strands"],
)
def test_a_link_to_a_view_that_is_not_published_shows_a_note_and_the_nearest_view(sample, query):
    nearest = disclosure.nearest_view(Filters.parse(query.get("sector"), query.get("category"))).id
    assert nearest in sample.views
    at = run_app(query)
    assert errors(at) == []
    notes = [str(w.value) for w in at.warning if "not published" in str(w.value)]
    assert len(notes) == 1 and sample.labels[nearest] in notes[0].replace("\\", "")
    assert at.sidebar.selectbox(key="flt_view").value == nearest
    frame = sample.tables[("participation_by_term", nearest)]
    at = open_numbers(at)
    assert rows(next(f.value for f in at.dataframe if "courses" in f.value.columns)) == displayed(frame)


def test_headlines_withheld_in_the_release_say_so_without_an_arrow(sample):
    """Some published view withholds a headline count of its latest term; that card reads "withheld"."""
    withheld = defaultdict(list)
    for view in sample.views:
        frame, mask = sample.tables[("participation_by_term", view)], sample.masks[("participation_by_term", view)]
        if frame.empty:
            continue
        latest = max(range(len(frame)), key=lambda i: parse_term(frame["term"].iloc[i]).order)
        for column in ("participants", "schools", "leaders"):
            if bool(mask[column].iloc[latest]):
                withheld[view].append(column)
    assert withheld, "the sample's release withholds some latest-term headline; pick data where it does"
    view = next(iter(withheld))
    at = run_app(sample.queries[view])
    cards = {m.label: m for m in at.metric}
    label = {"participants": "Participants", "schools": "Schools", "leaders": "Teacher leaders"}[withheld[view][0]]
    assert cards[label].value == "withheld" and not cards[label].delta
    counts = [m.value.replace(",", "") for m in at.metric if m.label not in ("Courses", "Returning rate")]
    assert not small_integers([float(v) for v in counts if v.isdigit()], K)
