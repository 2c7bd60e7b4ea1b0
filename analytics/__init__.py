"""Analytics for cross-sector teacher collaboratives.

The package never imports streamlit: everything the dashboard shows can be
produced from the command line (`python -m analytics --help`).
"""

__version__ = "0.1.0"
