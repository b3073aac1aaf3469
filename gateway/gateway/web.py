"""The web app's built files, served at ``/``.

Vite names its bundles by content hash, so ``/static/*`` can be cached for a
year (the build puts them there because ``/assets`` is the store's page);
``index.html`` must be revalidated so that a new build is picked up.
Any other path that is not a file gets ``index.html``: with 200 for the
app's own routes (client-side routes, ``APP_ROUTES``, kept in step with
web/src/App.tsx), with 404 for anything else, where the app shows its
not-found page, so that crawlers and monitors see a real 404. Nothing under
``/api``: the catch-all route does not match there, so an unknown API path
is the router's JSON 404 for every method.
"""

import re
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from starlette.convertors import PathConvertor, register_url_convertor

from gateway.errors import error_response

IMMUTABLE = "public, max-age=31536000, immutable"
# The routes of web/src/App.tsx (a path segment is one [^/]+).
APP_ROUTES = re.compile(
    r"(?:|courses/[^/]+|assets|assets/[^/]+|cart|login|register|forgot-password|reset-password|checkout|dashboard|profile"
    r"|learn/[^/]+|learn/[^/]+/[^/]+|certificates/[^/]+"
    r"|admin|admin/(?:courses|assets|orders|coupons|sales|learners)|admin/(?:courses|assets|orders)/[^/]+)/?"
)
REVALIDATE = "no-cache"


class WebPathConvertor(PathConvertor):
    """Any path, except ``/api`` and what is under it."""

    regex = r"(?!api(?:/|$)).*"


register_url_convertor("web_path", WebPathConvertor())


def mount(app: FastAPI, dist_dir: str) -> None:
    root = Path(dist_dir).resolve()

    @app.get("/{path:web_path}", include_in_schema=False)
    async def web(path: str):
        index = root / "index.html"
        if not index.is_file():
            return error_response(404, "The web app is not built (make web)", "NOT_FOUND")
        candidate = (root / path).resolve()
        if path and candidate.is_file() and candidate.is_relative_to(root):
            cache = IMMUTABLE if candidate.parent == root / "static" else REVALIDATE
            return FileResponse(candidate, headers={"Cache-Control": cache})
        known = APP_ROUTES.fullmatch(path) is not None
        return FileResponse(index, status_code=200 if known else 404, headers={"Cache-Control": REVALIDATE})
