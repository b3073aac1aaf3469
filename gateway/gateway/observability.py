"""Per-request plumbing, as plain ASGI middleware (cheaper than
BaseHTTPMiddleware): the request id, one log line per request, Prometheus
metrics, and the request body limit."""

import re
import time
import uuid

from prometheus_client import Counter, Histogram

from gateway.errors import error_response
from shared.logging import get_logger, request_id_var

log = get_logger("gateway.access")

REQUESTS = Counter("gateway_requests_total", "HTTP requests", ["method", "route", "status"])
LATENCY = Histogram(
    "gateway_request_duration_seconds", "HTTP request latency", ["method", "route", "status"]
)

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def _request_id(scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == b"x-request-id":
            candidate = value.decode("latin-1")
            if _REQUEST_ID.match(candidate):
                return candidate
    return uuid.uuid4().hex


class RequestContextMiddleware:
    """Takes ``X-Request-ID`` (or makes one), echoes it, logs and measures the request."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if "\x00" in scope["path"]:
            # No resource has a NUL in its name, and PostgreSQL text cannot hold one.
            response = error_response(404, "Not found", "NOT_FOUND")
            return await response(scope, receive, send)
        request_id = _request_id(scope)
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", []).append((b"x-request-id", request_id.encode()))
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            if not scope["path"].startswith("/api") and route == "unmatched":
                route = "web"
            REQUESTS.labels(scope["method"], route, status).inc()
            LATENCY.labels(scope["method"], route, status).observe(elapsed)
            # The path only (never the query string or headers: no tokens in logs).
            log.info(
                "request",
                method=scope["method"],
                path=scope["path"],
                route=route,
                status=status,
                duration_ms=round(elapsed * 1000, 2),
            )
            request_id_var.reset(token)


class BodyLimitMiddleware:
    """413 for bodies over ``max_bytes``, declared or streamed; ``larger``:
    (method, path prefix, limit) of the routes that take more (an upload's
    chunks).

    A streamed body is cut off by answering 413 at once and telling the app
    the client went away; whatever the app answers after that is dropped.
    """

    def __init__(self, app, max_bytes: int, larger: tuple[tuple[str, str, int], ...] = ()):
        self.app = app
        self.max_bytes = max_bytes
        self.larger = larger

    def _limit(self, scope) -> int:
        for method, prefix, limit in self.larger:
            if scope["method"] == method and scope["path"].startswith(prefix):
                return limit
        return self.max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        max_bytes = self._limit(scope)
        for name, value in scope.get("headers", ()):
            if name == b"content-length" and value.isdigit() and int(value) > max_bytes:
                return await self._reject(scope, receive, send, max_bytes)
        received = 0
        rejected = False

        async def limited_receive():
            nonlocal received, rejected
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > max_bytes:
                    if not rejected:
                        rejected = True
                        await self._reject(scope, receive, send, max_bytes)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message):
            if not rejected:
                await send(message)

        await self.app(scope, limited_receive, guarded_send)

    async def _reject(self, scope, receive, send, max_bytes: int):
        limit = f"{max_bytes // 1024**2} MiB" if max_bytes % 1024**2 == 0 else f"{max_bytes} bytes"
        response = error_response(413, f"Request body too large (limit {limit})", "PAYLOAD_TOO_LARGE")
        await response(scope, receive, send)
