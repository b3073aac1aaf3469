"""The API's docs page, ``/api/docs``: Swagger UI from the files of the pinned
fastapi-offline package, served by the gateway (no CDN), and started by a
script of ours, since the Content-Security-Policy allows no inline script.
With API_DOCS=false (the deploy configuration) neither the page nor
``/api/openapi.json`` is served.
"""

from importlib.resources import files

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

SWAGGER_UI = files("fastapi_offline") / "static"
STATIC = "/api/docs/static"

PAGE = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Infinite Studio API</title>
<link rel="stylesheet" href="{STATIC}/swagger-ui.css">
<link rel="icon" href="{STATIC}/favicon.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{STATIC}/swagger-ui-bundle.js"></script>
<script src="/api/docs/start.js"></script>
</body>
</html>
"""

START = """SwaggerUIBundle({
  url: "/api/openapi.json",
  dom_id: "#swagger-ui",
  layout: "BaseLayout",
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
});
"""


def install(app: FastAPI) -> None:
    app.mount(STATIC, StaticFiles(directory=str(SWAGGER_UI)), name="docs-static")

    @app.get("/api/docs", include_in_schema=False)
    async def docs():
        return HTMLResponse(PAGE)

    @app.get("/api/docs/start.js", include_in_schema=False)
    async def start():
        return Response(START, media_type="text/javascript")
