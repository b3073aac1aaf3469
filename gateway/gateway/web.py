"""The web app's built files, served at ``/``.

Vite names its bundles by content hash, so ``/static/*`` can be cached for a
year (the build puts them there because ``/assets`` is the store's page);
``index.html`` must be revalidated so that a new build is picked up.
Any other path that is not a file gets ``index.html`` (client-side routes),
except under ``/api``, which stays a JSON 404.
"""

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse

from gateway.errors import error_response

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"


def mount(app: FastAPI, dist_dir: str) -> None:
    root = Path(dist_dir).resolve()

    @app.get("/{path:path}", include_in_schema=False)
    async def web(path: str, request: Request):
        if path == "api" or path.startswith("api/"):
            return error_response(404, f"No route {request.method} /{path}", "NOT_FOUND")
        index = root / "index.html"
        if not index.is_file():
            return error_response(404, "The web app is not built (make web)", "NOT_FOUND")
        candidate = (root / path).resolve()
        if path and candidate.is_file() and candidate.is_relative_to(root):
            cache = IMMUTABLE if candidate.parent == root / "static" else REVALIDATE
            return FileResponse(candidate, headers={"Cache-Control": cache})
        return FileResponse(index, headers={"Cache-Control": REVALIDATE})
