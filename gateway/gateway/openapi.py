"""The OpenAPI document (/api/openapi.json), accurate about errors.

Every route declares the error statuses it can answer with ``errors(...)``:
the ones its service raises, plus those of any route that calls a service
(500, 503, 504) and, with ``body=True``, those of any route that reads a JSON
body (400 invalid, 413 over the limit). All of them have the one error body,
``ErrorBody``. FastAPI's own 422 (its validation error) is dropped from the
document: the gateway answers invalid input with 400 (gateway.errors); a
route's declared 422 stays.

``python -m gateway.openapi PATH`` writes the document to PATH (``make
api-types`` turns it into the web app's types); it needs no broker.
"""

import json
import sys
from typing import Any

from fastapi import FastAPI

from gateway.models import ErrorBody
from shared.settings import Settings

DESCRIPTIONS = {
    400: "Invalid input (the fields in `details.fields`)",
    401: "No live session, or bad credentials",
    402: "A paid course that was not bought",
    403: "The caller's role may not do this (staff routes)",
    404: "Not found, or not the caller's",
    409: "A duplicate, or something already bought",
    413: "Request body over the limit (1 MiB)",
    422: "An Idempotency-Key the caller used for another request",
    429: "Too many attempts: retry after the `Retry-After` seconds",
    500: "Unexpected error",
    503: "A service has no running instance, or it, its database or the broker is unreachable",
    504: "A service did not answer in time",
}
# Any route that calls a service can answer these.
RPC_FAILURES = (500, 503, 504)
# Any route that reads a JSON body can answer these.
BODY_FAILURES = (400, 413)


def errors(*statuses: int, body: bool = False, rpc: bool = True) -> dict[int | str, dict[str, Any]]:
    """The ``responses=`` of a route: these statuses, and the ones its kind of route can answer."""
    codes = set(statuses)
    if body:
        codes.update(BODY_FAILURES)
    if rpc:
        codes.update(RPC_FAILURES)
    return {code: {"model": ErrorBody, "description": DESCRIPTIONS[code]} for code in sorted(codes)}


def cached(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses=`` of a public catalog read (gateway/catalog_cache.py):
    its errors, and a 304 without a body for a request whose If-None-Match
    names the current ETag."""
    return {
        **errors(*statuses),
        304: {
            "description": "Not modified: If-None-Match named the current ETag (no body)",
            "headers": {"ETag": {"schema": {"type": "string"}, "description": "The answer's version"}},
        },
    }


def _without_validation_422(schema: dict) -> None:
    validation_error = {"$ref": "#/components/schemas/HTTPValidationError"}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.get("responses", {})
            content = responses.get("422", {}).get("content", {}).get("application/json", {})
            if content.get("schema") == validation_error:
                responses.pop("422")
    components = schema.get("components", {}).get("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)


def _errors_in_json(schema: dict) -> None:
    """A route that answers a file (a PDF) answers its errors in JSON like
    any other; FastAPI documents them in the route's media type."""
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            for status, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                if int(status) >= 400 and content and "application/json" not in content:
                    response["content"] = {"application/json": next(iter(content.values()))}


def install(app: FastAPI, settings: Settings) -> None:
    """FastAPI's document, with the 422s removed, errors in JSON and the
    cookie's configured name."""

    def openapi() -> dict:
        schema = FastAPI.openapi(app)  # built once and cached by FastAPI
        _without_validation_422(schema)
        _errors_in_json(schema)
        session = schema.get("components", {}).get("securitySchemes", {}).get("session")
        if session is not None:
            session["name"] = settings.session_cookie
        return schema

    app.openapi = openapi


def document() -> str:
    """The document of the default configuration, as committed in web/openapi.json."""
    from gateway.app import create_app

    # Defaults only (no environment, no .env): the same document on every machine.
    # Building the app starts nothing: the RPC client starts with the server.
    settings = Settings.model_construct(session_secret="unused", log_level="WARNING")
    return json.dumps(create_app(settings).openapi(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m gateway.openapi PATH")
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        out.write(document())
