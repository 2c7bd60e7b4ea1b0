"""The Streamlit side of the dashboard: navigation, the shared sidebar, cached data access, formatting.

Everything here may import streamlit; the ``analytics`` package never does.
Page scripts in ``pages/`` stay thin by calling these helpers.
"""
