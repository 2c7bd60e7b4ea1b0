"""Charts the dashboard needs beyond analytics.charts, in the same house style and palette."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics.charts.base import COUNT_FORMAT, WITHHELD, count_text, empty_figure, is_empty, numbers, style
from analytics.charts.palette import MEASURE_COLOURS


def courses_per_person(frame: pd.DataFrame, when: str = "") -> go.Figure:
    """How many people took 1, 2, 3 ... courses (a ``courses_per_person`` frame), as bars."""
    title = "How many courses each person took" + (f", {when}" if when else "")
    if is_empty(frame, ("courses_taken", "people")):
        return empty_figure(title)
    if numbers(frame["people"]).isna().all():  # a release withheld every bar: say so rather than draw empty axes
        return empty_figure(title, WITHHELD)
    taken = numbers(frame["courses_taken"]).astype("int64")
    labels = [f"{n} course" + ("" if n == 1 else "s") for n in taken]
    people = numbers(frame["people"])
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=people,
            text=count_text(people),
            textposition="outside",
            marker_color=MEASURE_COLOURS["participants"],
            hovertemplate="%{x}: %{y:,.0f} people<extra></extra>",
        )
    )
    style(fig, title, x_title="Courses taken", y_title="People")
    fig.update_xaxes(type="category")
    fig.update_yaxes(tickformat=COUNT_FORMAT, rangemode="tozero")
    fig.update_layout(showlegend=False)
    return fig
