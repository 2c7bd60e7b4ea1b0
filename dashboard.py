"""The dashboard's frame: page config, role, navigation with sections, the shared sidebar, then the page.

Run with `make run` (or `streamlit run dashboard.py`). Pages live in pages/
and only call the analytics package through the helpers in ui/.
"""

import streamlit as st

from analytics.errors import AnalyticsError
from analytics.serve import replica
from ui import auth, navigation, sidebar
from ui.format import escape_markdown

st.set_page_config(
    page_title="Boston Educators Collaborative",
    page_icon=":material/school:",
    layout="wide",
    menu_items={"About": "Teacher-led courses across district, charter and Catholic schools: who takes part."},
)

if replica.serving():  # make serve: every query of this run reads one snapshot (docs/DEPLOYMENT.md)
    replica.pin_for_this_run(replica.writer_db())
role = auth.gate()  # the sign-in or no-access page stops here; local mode is the coordinator
page = st.navigation(navigation.navigation(role))
try:
    sidebar.render(role)
except AnalyticsError as exc:  # the warehouse cannot be opened (in use by an import, damaged): say so plainly
    st.error(escape_markdown(exc))
    st.stop()
page.run()
