"""The gateway: HTTP in, RPC to the services out.

Run with ``python -m gateway.serve --factory gateway.app:create_app`` (the
Procfile): uvicorn, with what several worker processes share (gateway/serve.py).
"""

import asyncio
import multiprocessing
import os
import signal
from contextlib import asynccontextmanager

from fastapi import FastAPI

from gateway import docs, errors, openapi, web
from gateway.catalog_cache import CatalogCache
from gateway.compression import CompressionMiddleware
from gateway.cookies import ensure_session_secret
from gateway.media_s3 import S3Media
from gateway.session_cache import SessionCache
from gateway.methods import MethodsMiddleware
from gateway.observability import BodyLimitMiddleware, RequestContextMiddleware
from gateway.routes import (
    admin, admin_catalog, admin_coupons, admin_orders, admin_uploads, assets, auth, cart, certificates, courses,
    downloads, enrollments, health, lessons, media, orders,
)
from gateway.security import OriginCheckMiddleware, SecurityHeadersMiddleware
from gateway.throttle import Throttle
from shared.logging import configure_logging, get_logger
from shared.rpc import RpcClient
from shared.settings import Settings, get_settings

log = get_logger(__name__)


def _stop_with_the_supervisor() -> None:
    """In a worker of ``--workers N``, stop (gracefully, as on SIGTERM) once
    uvicorn's supervising process is gone: killed with SIGKILL, it cannot stop
    its workers, which would go on holding the port. The supervisor's end of a
    pipe closes with it (``multiprocessing``'s parent sentinel)."""
    parent = multiprocessing.parent_process()
    if parent is None:  # one process: nothing supervises it
        return

    def parent_gone():
        asyncio.get_running_loop().remove_reader(parent.sentinel)
        log.warning("the gateway's supervising process is gone: stopping", parent_pid=parent.pid)
        os.kill(os.getpid(), signal.SIGTERM)

    asyncio.get_running_loop().add_reader(parent.sentinel, parent_gone)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging("gateway", settings.log_level, settings.log_format)
    ensure_session_secret(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        _stop_with_the_supervisor()
        app.state.rpc = RpcClient(settings.amqp_uri, timeout=settings.rpc_timeout_seconds)
        if settings.catalog_cache:  # unattached, it keeps nothing
            app.state.catalog_cache.attach(app.state.rpc)
        app.state.session_cache.attach(app.state.rpc)
        await app.state.rpc.start()
        app.state.throttle = Throttle(settings)
        yield
        await app.state.rpc.close()

    app = FastAPI(
        title="Infinite Studio API",
        version="1.0.0",
        docs_url=None,  # gateway.docs, with local files
        openapi_url="/api/openapi.json" if settings.api_docs else None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.catalog_cache = CatalogCache()
    app.state.session_cache = SessionCache(settings.session_cache_seconds)
    # Made once: a boto3 client holds its connection pool.
    app.state.media_s3 = S3Media.from_settings(settings) if settings.media_storage == "s3" else None
    errors.install(app)
    for module in (
        health, auth, courses, assets, downloads, cart, enrollments, certificates, lessons, orders, media, admin,
        admin_coupons, admin_uploads, admin_orders, admin_catalog,
    ):
        app.include_router(module.router)

    if settings.api_docs:
        docs.install(app)
    web.mount(app, settings.web_dist_dir)
    openapi.install(app, settings)
    # Innermost: HEAD (MethodsMiddleware) drops the body of what it compressed.
    app.add_middleware(CompressionMiddleware)
    app.add_middleware(MethodsMiddleware, router=app.router)
    # An upload's chunks may be larger than any other body (gateway/routes/admin_uploads.py).
    larger = (("PUT", admin_uploads.router.prefix + "/", settings.upload_chunk_bytes),)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes, larger=larger)
    app.add_middleware(OriginCheckMiddleware, settings=settings)
    app.add_middleware(RequestContextMiddleware)
    app.add_middleware(SecurityHeadersMiddleware, settings=settings)
    return app
