"""The dashboard's frame: page config, navigation, the as-of stamp.

Run with `make run` (or `streamlit run dashboard.py`). Pages live in pages/
and only call the analytics package.
"""

from pathlib import Path

import streamlit as st

HERE = Path(__file__).parent

st.set_page_config(page_title="Collaborative dashboard", page_icon=":material/school:", layout="wide")

pg = st.navigation(
    {
        "For funders": [
            st.Page(HERE / "pages" / "overview.py", title="Overview", icon=":material/insights:", default=True)
        ]
    }
)
pg.run()
