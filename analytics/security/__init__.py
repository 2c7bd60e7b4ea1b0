"""Access, privacy and safety: who may see what, which uploads are accepted, the locked query connection.

Nothing here imports streamlit: the dashboard's ``ui/auth.py`` reads ``st.user``
and ``st.secrets`` and asks this package what they mean.
"""

from analytics.security.access import AccessRules, Decision
from analytics.security.roles import COORDINATOR, FUNDER, FUNDER_SUPPRESS_BELOW, ROLES, Role
from analytics.security.uploads import UploadCheck, check_export, check_upload, staged_upload, upload_limit_bytes

__all__ = [
    "COORDINATOR",
    "FUNDER",
    "FUNDER_SUPPRESS_BELOW",
    "ROLES",
    "AccessRules",
    "Decision",
    "Role",
    "UploadCheck",
    "check_export",
    "check_upload",
    "staged_upload",
    "upload_limit_bytes",
]
