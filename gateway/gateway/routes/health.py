import asyncio

from fastapi import APIRouter

from gateway.deps import Rpc
from gateway.errors import error_response
from gateway.openapi import errors
from shared.logging import get_logger
from shared.settings import SERVICES

log = get_logger(__name__)

router = APIRouter(prefix="/api", tags=["health"])

READY_TIMEOUT = 2.0


@router.get("/health")
async def health():
    """The gateway process is up."""
    return {"status": "ok"}


@router.get("/ready", responses=errors(503, rpc=False))
async def ready(rpc: Rpc):
    """Every service answers a ping over RPC and reaches its schema; 503 naming
    the failing ones otherwise. The answer is public, so it says which service
    is not ready and nothing more; why is in the gateway's log."""

    async def ping(service):
        try:
            await rpc.call(service, "ping", timeout=READY_TIMEOUT)
            return service, "ok"
        except Exception as exc:  # any failure at all means "not ready"
            log.warning("service not ready", service=service, error=type(exc).__name__, reason=str(exc))
            return service, "unavailable"

    results = dict(await asyncio.gather(*(ping(service) for service in SERVICES)))
    failing = sorted(name for name, status in results.items() if status != "ok")
    if failing:
        return error_response(503, f"Not ready: {', '.join(failing)}", "NOT_READY", {"services": results})
    return {"status": "ready", "services": results}
