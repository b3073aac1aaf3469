"""The session cookie: the token from ``auth``, signed with SESSION_SECRET,
named ``__Host-session`` when cookies are secure (Settings.session_cookie).

The signature lets the gateway drop forged or garbled cookies without a call
to ``auth``; the session itself is checked (and can be ended) server-side.
"""

import base64
import hashlib
import hmac
import secrets

from fastapi import Response

from shared.logging import get_logger
from shared.settings import Settings

log = get_logger(__name__)


def ensure_session_secret(settings: Settings) -> None:
    """A random SESSION_SECRET when none is set, with a warning: fine for one
    gateway process that never restarts, wrong for anything else."""
    if not settings.session_secret:
        log.warning(
            "SESSION_SECRET is not set: using a random one. Sessions will not survive "
            "a restart, and every gateway instance must share the same SESSION_SECRET."
        )
        settings.session_secret = secrets.token_urlsafe(32)


def _signature(secret: str, token: str) -> str:
    digest = hmac.new(secret.encode(), token.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def sign(secret: str, token: str) -> str:
    return f"{token}.{_signature(secret, token)}"


def unsign(secret: str, value: str | None) -> str | None:
    """The token inside a well-signed cookie value, else None."""
    if not value or "." not in value:
        return None
    token, signature = value.rsplit(".", 1)
    return token if hmac.compare_digest(signature, _signature(secret, token)) else None


def set_session_cookie(response: Response, settings: Settings, token: str) -> None:
    response.set_cookie(
        settings.session_cookie,
        sign(settings.session_secret, token),
        max_age=settings.session_absolute_days * 24 * 3600,
        path="/",
        httponly=True,
        samesite="lax",
        secure=settings.cookie_secure,
    )


def clear_session_cookie(response: Response, settings: Settings) -> None:
    response.delete_cookie(
        settings.session_cookie, path="/", httponly=True, samesite="lax", secure=settings.cookie_secure
    )
