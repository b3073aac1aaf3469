"""Security headers on every response, as plain ASGI middleware.

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
        self.cookie_prefix = settings.session_cookie_name.encode() + b"="

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
