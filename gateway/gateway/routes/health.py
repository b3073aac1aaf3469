import asyncio

from fastapi import APIRouter

from gateway.deps import Rpc
from gateway.errors import error_response
from gateway.openapi import errors
from shared.settings import SERVICES

router = APIRouter(prefix="/api", tags=["health"])

READY_TIMEOUT = 2.0


@router.get("/health")
async def health():
    """The gateway process is up."""
    return {"status": "ok"}


@router.get("/ready", responses=errors(503, rpc=False))
async def ready(rpc: Rpc):
    """Every service answers a ping over RPC and reaches its schema; 503 naming
    the failing ones otherwise."""

    async def ping(service):
        try:
            return service, await rpc.call(service, "ping", timeout=READY_TIMEOUT)
        except Exception as exc:  # any failure at all means "not ready"
            return service, {"error": type(exc).__name__, "reason": str(exc)}

    results = dict(await asyncio.gather(*(ping(service) for service in SERVICES)))
    failing = sorted(name for name, result in results.items() if "error" in result)
    if failing:
        return error_response(
            503, f"Not ready: {', '.join(failing)}", "NOT_READY", {"services": results}
        )
    return {"status": "ready", "services": results}
