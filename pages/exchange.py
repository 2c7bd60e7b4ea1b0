"""Cross-sector exchange (for funders): who learns from whom, and how mixed each course is."""

import streamlit as st

from ui import data
from ui.table_page import open_page, table_chart

filters, exchange = open_page(
    "Cross-sector exchange",
    "“It's not about what sector you're in”: teachers of one sector learning from leaders of another.",
    "cross_sector_exchange",
)

table_chart(
    "cross_sector_exchange",
    filters,
    frame=exchange,
    note="Enrollments by the sector of the course's leader (rows) and of the participant (columns). "
    "Cells off the diagonal are learning across sectors.",
)
if not data.offers("course_mix", filters):
    # The release publishes course_mix for everyone and per strand only (docs/decisions/040): under one sector its
    # rows would be each course's count of that sector's participants, beside the mixing index of the whole course.
    st.info(
        "How mixed each course is, is published for everyone and for each strand, not for one sector. "
        "Choose *Everyone* or a strand in the sidebar to see it.",
        icon=":material/info:",
    )
    st.stop()
if filters.sectors and len(filters.sectors) == 1:
    # Under a one-sector filter every course counts one sector's participants: the index is 0 by definition.
    st.info(
        "Only one sector is selected, so every course's participants come from that sector and the mixing index "
        "below is 0. Clear the sector filter to see how mixed courses are.",
        icon=":material/info:",
    )
table_chart(
    "course_mix",
    filters,
    note="Mixing index: 0 when a course's participants all come from one sector; higher when sectors are mixed.",
)
