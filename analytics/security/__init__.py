"""Access, privacy and safety: who may see what, which uploads are accepted, the locked query connection.

Nothing here imports streamlit: the dashboard's ``ui/auth.py`` reads ``st.user``
and ``st.secrets`` and asks this package what they mean.
"""

from analytics.security.access import COORDINATOR, FUNDER, ROLES, AccessRules, Decision
from analytics.security.uploads import UploadCheck, check_upload, staged_upload, upload_limit_bytes

__all__ = [
    "COORDINATOR",
    "FUNDER",
    "ROLES",
    "AccessRules",
    "Decision",
    "UploadCheck",
    "check_upload",
    "staged_upload",
    "upload_limit_bytes",
]
