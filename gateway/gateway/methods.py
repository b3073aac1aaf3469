"""HTTP method semantics that the router leaves out.

- ``OPTIONS`` is 204 with ``Allow``: the methods the path answers.
- ``HEAD`` is answered as the path's ``GET``, headers and all, without the body.
- A 405 names in ``Allow`` all of the path's methods (gateway.errors), where
  the router names one route's: GET and POST /api/orders are two routes.

A path no route answers is the router's JSON 404 whatever the method (the
web app's catch-all does not match under /api, see gateway.web). Other
requests pass straight through: the routes are only probed for OPTIONS and
405s, with their own ``matches()``, so the answer is the router's.
"""

from starlette.responses import Response
from starlette.routing import Match, Router

# In the order of the Allow header; OPTIONS is added to any path that has a route.
METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(router: Router, scope) -> list[str]:
    """The methods the request's path answers, [] if none."""

    def answers(method: str) -> bool:
        probe = {**scope, "method": method}
        return any(route.matches(probe)[0] == Match.FULL for route in router.routes)

    answered = {method for method in METHODS if method != "HEAD" and answers(method)}
    if "GET" in answered:
        answered.add("HEAD")
    return [method for method in METHODS if method in answered] + (["OPTIONS"] if answered else [])


def allow_header(router: Router, scope) -> str:
    return ", ".join(allowed_methods(router, scope))


class MethodsMiddleware:
    """Answers OPTIONS, and HEAD as a GET without the body (plain ASGI)."""

    def __init__(self, app, router: Router):
        self.app = app
        self.router = router

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] not in ("HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        if scope["method"] == "OPTIONS":
            allow = allow_header(self.router, scope)
            if not allow:
                return await self.app(scope, receive, send)  # the router's 404
            return await Response(status_code=204, headers={"Allow": allow})(scope, receive, send)

        # The server keeps HEAD in its own scope, and so expects no body; the
        # app runs the GET. The route it picked is copied back for the access log.
        as_get = {**scope, "method": "GET"}
        try:
            await self.app(as_get, receive, _without_body(send))
        finally:
            if "route" in as_get:
                scope["route"] = as_get["route"]


def _without_body(send):
    async def send_headers_only(message):
        if message["type"] == "http.response.body":
            message = {**message, "body": b""}
        await send(message)

    return send_headers_only
