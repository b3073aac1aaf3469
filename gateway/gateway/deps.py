"""Dependencies of the routes: the settings, the RPC client, the throttle, the media
bucket, the caller."""

from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyCookie

from gateway import cookies, throttle
from gateway.catalog_cache import CatalogCache
from gateway.session_cache import SessionCache
from gateway.media_s3 import S3Media
from shared import roles
from shared.errors import Unauthenticated
from shared.rpc import RpcClient
from shared.settings import Settings


# The dependencies are ``async`` although they never wait: FastAPI runs a
# plain ``def`` dependency in the thread pool, a hop per dependency per
# request (measured in benchmarks/segment_serving.py).


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_rpc(request: Request) -> RpcClient:
    return request.app.state.rpc


async def get_catalog_cache(request: Request) -> CatalogCache:
    return request.app.state.catalog_cache


async def get_throttle(request: Request) -> throttle.Throttle:
    return request.app.state.throttle


async def get_media_s3(request: Request) -> S3Media | None:
    """The media bucket with MEDIA_STORAGE=s3 (made at start-up), else None."""
    return request.app.state.media_s3


SettingsDep = Annotated[Settings, Depends(get_settings)]
Rpc = Annotated[RpcClient, Depends(get_rpc)]
MediaS3Dep = Annotated[S3Media | None, Depends(get_media_s3)]
Throttle = Annotated[throttle.Throttle, Depends(get_throttle)]
Cached = Annotated[CatalogCache, Depends(get_catalog_cache)]


async def client_address(request: Request, settings: SettingsDep) -> str:
    return throttle.client_address(request, settings)


ClientAddress = Annotated[str, Depends(client_address)]


async def session_token(request: Request, settings: SettingsDep) -> str | None:
    """The caller's session token, if the cookie carries a valid signature."""
    return cookies.unsign(settings.session_secret, request.cookies.get(settings.session_cookie))


SessionToken = Annotated[str | None, Depends(session_token)]


class SessionCookie(APIKeyCookie):
    """The session cookie as the OpenAPI security scheme of the routes that need
    a session. Its name is a setting (SESSION_COOKIE_NAME), so it is read from
    the app's settings, not from the name given here; gateway.openapi writes
    the same setting into the document. Never raises: ``current_user`` answers
    401 with the one error body."""

    async def __call__(self, request: Request) -> str | None:
        return await session_token(request, request.app.state.settings)


session_cookie = SessionCookie(
    name="session",
    scheme_name="session",
    description="The signed, HttpOnly session cookie that register and login set.",
    auto_error=False,
)


async def get_session_cache(request: Request) -> SessionCache:
    return request.app.state.session_cache


Sessions = Annotated[SessionCache, Depends(get_session_cache)]


async def current_user(rpc: Rpc, sessions: Sessions, token: Annotated[str | None, Security(session_cookie)]) -> dict:
    """The logged-in user, resolved by ``auth`` (or kept briefly, gateway.session_cache);
    401 without a live session."""
    if token is None:
        raise Unauthenticated()
    return await sessions.resolve(token, lambda: rpc.call("auth", "resolve_session", token))


CurrentUser = Annotated[dict, Depends(current_user)]


async def optional_user(
    rpc: Rpc, sessions: Sessions, token: Annotated[str | None, Security(session_cookie)]
) -> dict | None:
    """The logged-in user, or None for a visitor (also for a session that ended)."""
    if token is None:
        return None
    try:
        return await sessions.resolve(token, lambda: rpc.call("auth", "resolve_session", token))
    except Unauthenticated:
        return None


OptionalUser = Annotated[dict | None, Depends(optional_user)]


def role_required(*allowed: str):
    """A dependency: the caller as the services' ``actor`` (``{"id", "role"}``),
    403 ROLE_REQUIRED unless its role is one of ``allowed``. The service that
    owns the data checks the actor again (shared/roles.py); the gateway checks
    first so that a refused caller's request goes no further, not even to the
    validation of its body."""

    async def actor(user: CurrentUser) -> dict:
        caller = {"id": user["id"], "role": user.get("role")}
        roles.require(caller, *allowed)
        return caller

    actor.roles = allowed  # read by the tests that try every staff route with every role
    return actor


# Authoring (courses, lessons, assets, uploads): instructors and admins.
StaffActor = Annotated[dict, Depends(role_required(*roles.STAFF))]
# Operating (orders, refunds, coupons, sales, learners, roles): admins.
AdminActor = Annotated[dict, Depends(role_required(roles.ADMIN))]
