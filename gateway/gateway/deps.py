"""Dependencies of the routes: the settings, the RPC client, the caller."""

from typing import Annotated

from fastapi import Depends, Request

from gateway import cookies
from shared.errors import Unauthenticated
from shared.rpc import RpcClient
from shared.settings import Settings


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_rpc(request: Request) -> RpcClient:
    return request.app.state.rpc


SettingsDep = Annotated[Settings, Depends(get_settings)]
Rpc = Annotated[RpcClient, Depends(get_rpc)]


def session_token(request: Request, settings: SettingsDep) -> str | None:
    """The caller's session token, if the cookie carries a valid signature."""
    return cookies.unsign(settings.session_secret, request.cookies.get(settings.session_cookie_name))


SessionToken = Annotated[str | None, Depends(session_token)]


async def current_user(rpc: Rpc, token: SessionToken) -> dict:
    """The logged-in user, resolved by ``auth``; 401 without a live session."""
    if token is None:
        raise Unauthenticated()
    return await rpc.call("auth", "resolve_session", token)


CurrentUser = Annotated[dict, Depends(current_user)]
