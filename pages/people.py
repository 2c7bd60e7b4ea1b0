"""People (for coordinators): one person's history, and who could lead a course next."""

import streamlit as st

from ui import components as ui
from ui import data

filters = ui.page_start(
    "People",
    "Look up a teacher's courses and roles, and find future course leaders among those who keep coming back.",
)

st.subheader("Look someone up")
text = st.text_input("Name or email", placeholder="e.g. garcia or @bostonpublicschools.org", key="people_search")
if text.strip():
    found = data.find_people(text)
    if found.empty:
        st.info("Nobody's name or email contains that text.")
    else:
        emails = list(found["email"])
        names = dict(zip(found["email"], found["full_name"].fillna(""), strict=True))
        person = st.selectbox(
            f"{len(found)} match" + ("" if len(found) == 1 else "es"),
            emails,
            format_func=lambda email: f"{names[email]} <{email}>" if names[email] else email,
            key="people_pick",
        )
        history = data.person_history(person)
        st.caption("Every course this person registered for, led or mentored (all terms, whatever the filters).")
        ui.table(history)

st.subheader("Leader candidates")
left, right = st.columns(2)
min_terms = left.number_input("Took part in at least this many terms", 2, 10, 2, key="candidates_terms")
min_rating = right.slider("Average course rating at least", 1.0, 5.0, 4.0, 0.5, key="candidates_rating")
chosen = data.leader_candidates(filters, min_terms, min_rating)
st.caption(
    "People who came back in several terms, answered *yes* to leading a course on a survey, "
    "rate their courses well, and have not led yet (within the sidebar filters)."
)
if chosen.empty:
    st.info("Nobody meets all of these conditions with the current filters.")
else:
    ui.table(chosen)
    ui.download(chosen, "leader_candidates", filters)
