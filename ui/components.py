"""The building blocks every page uses: page start, charts with their table, headline numbers, empty states."""

from __future__ import annotations

import functools
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics import charts
from analytics.filters import Filters
from analytics.insights import Headline
from ui import data, downloads, format
from ui.navigation import ensure_frame, link_target
from ui.role import current_role
from ui.sidebar import current_filters
from ui.url import query_from_filters


def welcome() -> None:
    """What a new user sees before any data is loaded: where to start."""
    st.info(
        "**Welcome.** There is no data in the warehouse yet. Load your course catalog, "
        "registrations and survey exports on the Data page (CSV or Excel), and every page fills in.",
        icon=":material/waving_hand:",
    )
    st.page_link(link_target("data"), label="Go to the Data page to load exports", icon=":material/upload_file:")


def page_start(title: str, caption: str, *, needs_data: bool = True) -> Filters:
    """The page title and what it answers; stops with a welcome when there is no data yet.

    A funder's page says which published release its numbers are from (the sidebar has already
    stopped the run when there is none).
    """
    ensure_frame()
    st.title(title)
    st.caption(caption)
    release = _release()
    if release is not None:
        as_of = f", data as of {release.as_of:%-d %B %Y}" if release.as_of else ""
        st.caption(f"Published figures: {release.stamp}{as_of}.")
    elif needs_data and data.is_empty():
        welcome()
        st.stop()
    return current_filters()


def _release():
    """The release a funder's page is cut from; None for coordinators (they see live numbers)."""
    from ui import published

    return None if current_role().is_coordinator else published.latest()


def nothing_matches(frame: pd.DataFrame, filters: Filters) -> bool:
    """Tell the viewer plainly when the filters select nothing; True when the page should stop."""
    if frame is not None and not frame.empty:
        return False
    if filters.is_empty:
        st.info("There is nothing to show here yet.", icon=":material/info:")
    else:
        st.info(
            f"**Nothing matches these filters** ({format.escape_markdown(filters.describe())}). "
            "Widen them in the sidebar, or use *Reset filters*.",
            icon=":material/filter_alt_off:",
        )
    return True


# The most rows one table sends to the browser: enough to read and scroll, bounded at any data size
# (a million-enrollment warehouse has ~50,000 courses and ~500,000 people). Downloads hold every row.
MAX_TABLE_ROWS = 1_000


def table(frame: pd.DataFrame, *, height: int | str = "auto") -> None:
    """A table with readable headers, separators and percentages (sector and strand names spelled out)."""
    rows = len(frame)
    if rows > MAX_TABLE_ROWS:
        frame = frame.head(MAX_TABLE_ROWS)
        st.caption(
            f"Showing the first {MAX_TABLE_ROWS:,} of {rows:,} rows. Narrow the filters to see others; "
            "the download and the Exports page hold every row."
        )
    shown = format.for_display(frame)
    st.dataframe(shown, hide_index=True, column_config=format.column_config(shown), height=height)


def download(
    frame: pd.DataFrame | Callable[[], pd.DataFrame],
    name: str,
    filters: Filters,
    *,
    label: str = "Download this table (CSV)",
    key: str | None = None,
) -> None:
    """A CSV download of ``frame``, named after the table, the filters and (for a funder) the release.

    ``frame`` may be a function that reads it: then it is read only when the download is asked for."""
    release = _release()
    st.download_button(
        label,
        # written when clicked, not on every run: a course table's CSV is about half a second at a million enrollments
        data=(lambda: downloads.csv_bytes(frame()))
        if callable(frame)
        else functools.partial(downloads.csv_bytes, frame),
        file_name=downloads.file_name(name, filters, release=(release.id, release.k) if release else None),
        mime="text/csv",
        key=f"download-{key or name}",
        icon=":material/download:",
        on_click="ignore",
    )


def chart(
    fig: go.Figure, frame: pd.DataFrame, name: str, filters: Filters, *, note: str | None = None, key: str | None = None
) -> None:
    """A chart, its one-sentence text alternative, a note on how to read it, and the table behind it
    (shown on demand, and as a download). ``key`` tells apart two charts of one table on a page."""
    st.plotly_chart(fig, key=f"chart-{key or name}", config={"displaylogo": False})
    st.caption(f"Chart description: {charts.describe(fig)}")  # the text alternative, for screen readers too
    if note:
        st.caption(note)
    if whole_period(name, filters):
        st.caption("This chart covers every published term: the release holds it for the whole period only.")
    # Drawn only once opened (the opening reruns the page): a closed table would still send its rows
    # and make the browser load and lay out a data grid before the first chart shows (about 2 s
    # before the Overview's headline numbers appear at a million enrollments).
    with st.expander("The numbers behind this chart", key=numbers_key(key or name), on_change="rerun") as numbers:
        if numbers.open:
            table(frame)
    download(frame, name, filters, key=key)


NUMBERS_KEY = "numbers-"


def numbers_key(chart_key: str) -> str:
    """The widget key of a chart's "numbers behind this chart" expander (its open state)."""
    return NUMBERS_KEY + chart_key


WITHHELD = "withheld"


def headlines(numbers: list[Headline], withheld: set[str] = frozenset()) -> None:
    """Headline numbers of the latest term, each with its change from the same season a year earlier.

    A number in ``withheld`` (the release withheld it) says so, with no arrow: an arrow would tell
    which way a withheld number went.
    """
    if not numbers:
        return
    columns = st.columns(len(numbers))
    for column, number in zip(columns, numbers, strict=True):
        if number.key in withheld:
            value, change = WITHHELD, None
        elif number.kind == "rate":
            value, change = format.percent(number.value), format.rate_change(number.change)
        else:
            value, change = format.count(number.value), format.count_change(number.change)
        value = "withheld" if number.value is None else value
        help_text = f"{number.term}: {number.basis}"
        column.metric(
            number.label,
            value,
            delta=change,
            # the card says what it compares with; the caption below says it in full
            delta_description=None if change is None else f"vs {number.previous_term}",
            help=help_text,
            border=True,
        )
    st.caption(comparison_note(numbers[0]))


def comparison_note(number: Headline) -> str:
    """What the headline changes are against, in a sentence (fair comparison, period in progress)."""
    if number.previous_term:
        text = f"Changes are against {number.previous_term}, the same period a year earlier."
    elif number.missing_comparison:
        text = f"No arrows: there is no {number.missing_comparison} in the data to compare with."
    else:
        text = "No arrows: nothing to compare with."
    if number.in_progress:
        text += f" {number.term} is still in progress: its numbers are registrations so far."
    return text


def link(url_path: str, label: str, filters: Filters, icon: str | None = None) -> None:
    """A link to another page that keeps the current filters in its address."""
    st.page_link(link_target(url_path), label=label, icon=icon, query_params=query_from_filters(filters) or None)


def whole_period(name: str, filters: Filters) -> bool:
    """True when a funder's table ``name`` covers every term whatever the term range: the release holds it for
    the whole period only (it has no term column to zoom on); the page says so under its chart."""
    from ui import published

    return _release() is not None and bool(filters.term_from or filters.term_to) and not published.zooms(name)


def when(filters: Filters, name: str | None = None) -> str:
    """The span of terms a view covers, for chart titles: `Spring 2017 – Fall 2020` (of table ``name``)."""
    if name is not None and whole_period(name, filters):
        filters = Filters(filters.sectors, filters.categories)
    terms = [
        t
        for t in data.terms()
        if (filters.term_from is None or t >= filters.term_from) and (filters.term_to is None or t <= filters.term_to)
    ]
    if not terms:
        return ""
    return terms[0].label if len(terms) == 1 else f"{terms[0].label} – {terms[-1].label}"


def withheld_note() -> None:
    """On a funder's page, say once that small counts are withheld, under the release's own rule."""
    release = _release()
    if release is not None:
        st.caption(
            f"Counts from 1 to {release.k - 1} are withheld (shown blank) to protect small groups, and so are "
            f"other cells chosen so that no withheld count can be narrowed to fewer than {release.p} values "
            "from everything published."
        )
