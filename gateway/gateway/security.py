"""Security headers on every response, and the Origin check of state-changing
requests, as plain ASGI middleware.

The Content-Security-Policy allows scripts, styles and connections from the
gateway's own origin only: the web app is built into files (no inline
script; React sets styles through the DOM, which the policy allows), and so
is the docs page (gateway.docs). The player plays HLS through hls.js from the
bundle, which feeds the video element from ``blob:`` URLs and may run a
worker from one; lessons whose video is on YouTube embed its privacy-enhanced
player. Nobody may frame the gateway's pages.

An ``/api`` response to a request that carries the session cookie, or that
sets one, may carry personal data: ``Cache-Control: no-store`` keeps it out of
every cache, the browser's included.
"""

from urllib.parse import urlsplit

from gateway.errors import error_response
from shared.settings import Settings

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "media-src 'self' blob:",
        "worker-src 'self' blob:",
        "connect-src 'self'",
        "frame-src https://www.youtube-nocookie.com",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    # Other origins (YouTube's player among them) learn the origin, never a
    # path: signed media URLs stay here.
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"x-frame-options", b"DENY"),
]
HSTS = (b"strict-transport-security", b"max-age=31536000")


class SecurityHeadersMiddleware:
    def __init__(self, app, settings: Settings):
        self.app = app
        self.headers = HEADERS + ([HSTS] if settings.cookie_secure else [])
        self.cookie_prefix = settings.session_cookie.encode() + b"="

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        personal = scope["path"].startswith("/api") and self._has_session_cookie(scope)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = [*message.get("headers", []), *self.headers]
                sets_session = any(
                    name == b"set-cookie" and value.startswith(self.cookie_prefix) for name, value in headers
                )
                if personal or (sets_session and scope["path"].startswith("/api")):
                    headers = [(name, value) for name, value in headers if name != b"cache-control"]
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _has_session_cookie(self, scope) -> bool:
        for name, value in scope.get("headers", ()):
            if name == b"cookie" and any(
                part.strip().startswith(self.cookie_prefix) for part in value.split(b";")
            ):
                return True
        return False


UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class OriginCheckMiddleware:
    """403 for a state-changing request sent from another origin's page: a
    second line behind the cookie's SameSite=Lax, for browsers or cases it
    misses. A browser names the page's origin in ``Origin`` (else, the page in
    ``Referer``); it must be one of PUBLIC_ORIGINS, or, when none are set, the
    origin the request was sent to. A request with neither header comes from
    no page (curl, a script) and carries no one else's cookie: it passes."""

    def __init__(self, app, settings: Settings):
        self.app = app
        self.allowed = settings.public_origin_list
        self.scheme = "https" if settings.cookie_secure else None

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] not in UNSAFE_METHODS:
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers", ()))
        sender = _origin_of(headers.get(b"origin") or headers.get(b"referer"))
        if sender is None or sender in self._allowed(scope, headers):
            return await self.app(scope, receive, send)
        response = error_response(403, "Cross-origin request refused", "CROSS_ORIGIN")
        await response(scope, receive, send)

    def _allowed(self, scope, headers) -> list[str]:
        if self.allowed:
            return self.allowed
        host = headers.get(b"host", b"").decode("latin-1").lower()
        return [f"{self.scheme or scope.get('scheme', 'http')}://{host}"]


def _origin_of(value: bytes | None) -> str | None:
    """``scheme://host[:port]`` of an Origin or Referer value; "null" and
    anything unreadable are an origin no page of ours has."""
    if value is None:
        return None
    parts = urlsplit(value.decode("latin-1").strip())
    if not parts.scheme or not parts.netloc:
        return "null"
    return f"{parts.scheme}://{parts.netloc}".lower()
