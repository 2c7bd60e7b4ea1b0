"""Overview: what the warehouse holds, and as of when."""

import streamlit as st

from analytics import warehouse

st.title("Boston Educators Collaborative")
con = warehouse.connect(read_only=False)
try:
    as_of = warehouse.as_of(con)
    counts = warehouse.table_counts(con)
finally:
    con.close()

if as_of is None:
    st.info("The warehouse is empty. Import exports with `python -m analytics ingest FILE...`.")
else:
    st.caption(f"Data as of {as_of:%d %B %Y, %H:%M} UTC")
    cols = st.columns(4)
    cols[0].metric("Courses", f"{counts['courses']:,}")
    cols[1].metric("Enrollments", f"{counts['enrollments']:,}")
    cols[2].metric("People", f"{counts['people']:,}")
    cols[3].metric("Schools", f"{counts['schools']:,}")
