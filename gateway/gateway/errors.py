"""The one mapping from errors to HTTP responses.

Domain errors raised by a service keep their message, code and details
(DependencyUnavailable, a service or database that a service needs being
away, is a 503 with Retry-After like a stopped service); transport failures
of the RPC client become 503 (no instance, no broker) or 504 (no answer in
time); anything else is a 500 with a generic body, its traceback in the log
only.
"""

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from gateway.methods import allow_header
from shared import errors
from shared.logging import get_logger
from shared.rpc import RemoteError, RpcTimeout, ServiceUnavailable

log = get_logger(__name__)

STATUS_BY_ERROR: dict[type[errors.DomainError], int] = {
    errors.InvalidInput: 400,
    errors.Unauthenticated: 401,
    errors.PaymentRequired: 402,
    errors.Forbidden: 403,
    errors.NotFound: 404,
    errors.Conflict: 409,
    errors.Unprocessable: 422,
    errors.TooManyRequests: 429,
    errors.DependencyUnavailable: 503,
    errors.DeadlineExceeded: 504,
}

HTTP_CODES = {
    400: "BAD_REQUEST",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    413: "PAYLOAD_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
}


def error_response(status: int, message: str, code: str, details=None, headers=None) -> JSONResponse:
    return JSONResponse(
        {"message": message, "code": code, "details": details or None}, status_code=status, headers=headers
    )


def _field_name(loc) -> str:
    # ("body", "items", 0, "itemId") -> "items.0.itemId"; ("header", "Idempotency-Key") -> "Idempotency-Key"
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or "body"


async def on_domain_error(_request: Request, exc: errors.DomainError) -> JSONResponse:
    status = STATUS_BY_ERROR.get(type(exc), 400)
    headers = None
    if isinstance(exc, errors.TooManyRequests):
        headers = {"Retry-After": str(exc.details.get("retryAfterSeconds", 1))}
    elif isinstance(exc, errors.DependencyUnavailable):
        # As for a service with no instance: a moment, then again.
        headers = {"Retry-After": "1"}
    return error_response(status, exc.message, exc.code, exc.details, headers=headers)


async def on_validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
    fields = {}
    for error in exc.errors():
        if error.get("type") == "json_invalid":
            return error_response(400, "Request body is not valid JSON", "INVALID_JSON")
        fields.setdefault(_field_name(error.get("loc", ())), error.get("msg", "invalid"))
    return error_response(400, "Invalid request", "VALIDATION_ERROR", {"fields": fields})


async def on_http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    message = exc.detail if isinstance(exc.detail, str) else "Request failed"
    headers = getattr(exc, "headers", None)
    if exc.status_code == 405:
        # The router names the methods of the one route it tried, not the path's.
        headers = {**(headers or {}), "Allow": allow_header(request.app.router, request.scope)}
    return error_response(exc.status_code, message, HTTP_CODES.get(exc.status_code, "ERROR"), headers=headers)


async def on_service_unavailable(_request: Request, exc: ServiceUnavailable) -> JSONResponse:
    log.warning("service unavailable", reason=str(exc))
    return error_response(503, "Service temporarily unavailable", "SERVICE_UNAVAILABLE", headers={"Retry-After": "1"})


async def on_rpc_timeout(_request: Request, exc: RpcTimeout) -> JSONResponse:
    log.warning("rpc timeout", reason=str(exc))
    return error_response(
        504,
        "The service did not answer in time: whether the request took effect is unknown",
        "GATEWAY_TIMEOUT",
        {"outcome": "unknown", **(exc.details or {})},
    )


async def on_unexpected(_request: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, RemoteError):
        log.error("remote error", exc_type=exc.exc_type, value=exc.value)
    else:
        log.exception("unexpected error")
    return error_response(500, "Internal server error", "INTERNAL_ERROR")


def install(app: FastAPI) -> None:
    app.add_exception_handler(errors.DomainError, on_domain_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(ServiceUnavailable, on_service_unavailable)
    app.add_exception_handler(RpcTimeout, on_rpc_timeout)
    app.add_exception_handler(Exception, on_unexpected)
