"""Sign-in for a local server with no identity provider: its secrets file, and the cookie sign-in would set.

The browser tests, the replica test and the serving figures (tools/serve/figures.py) start
dashboards with sign-in configured (``[auth]`` pointing at an unreachable provider, and the
``[access]`` lists), then hand each browser or session the ``_streamlit_user`` cookie that
Streamlit's own sign-in callback sets: the user's claims signed with the server's
``cookie_secret``. Such a cookie is worth something only to a server started with that secret.
"""

from __future__ import annotations

import json
from pathlib import Path

COOKIE = "_streamlit_user"

_SECRETS = """[auth]
redirect_uri = "{origin}/oauth2callback"
cookie_secret = "{secret}"
client_id = "dashboard"
client_secret = "not-a-secret"
server_metadata_url = "http://127.0.0.1:9/.well-known/openid-configuration"

[access]
coordinators = {coordinators}
funders = {funders}
"""


def write_secrets(
    path: Path,
    origin: str,
    cookie_secret: str,
    *,
    coordinators: tuple[str, ...] = ("coord@bostoncompact.org",),
    funders: tuple[str, ...] = ("@examplefoundation.org",),
) -> Path:
    """A secrets file at ``path`` for a server answering at ``origin`` (``http://127.0.0.1:PORT``)."""
    text = _SECRETS.format(
        origin=origin,
        secret=cookie_secret,
        coordinators=json.dumps(list(coordinators)),
        funders=json.dumps(list(funders)),
    )
    path.write_text(text, encoding="utf-8")
    return path


def user_cookie(cookie_secret: str, email: str, origin: str) -> dict[str, str]:
    """The sign-in cookie for ``email`` as a browser cookie (name, value, url)."""
    from streamlit.web.server.starlette.starlette_app_utils import create_signed_value  # only where sign-in is faked

    claims = {"email": email, "email_verified": True, "origin": origin, "is_logged_in": True, "provider": "default"}
    value = create_signed_value(cookie_secret, COOKIE, json.dumps(claims)).decode()
    return {"name": COOKIE, "value": value, "url": origin}
