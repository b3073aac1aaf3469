from fastapi import APIRouter, Request

from gateway.deps import Cached, Rpc
from gateway.models import AssetEnvelope, AssetList
from gateway.openapi import cached

router = APIRouter(prefix="/api/assets", tags=["assets"])

# Public and the same for every caller: answered from the gateway's cache
# (gateway/catalog_cache.py), with an ETag; 304 for a matching If-None-Match.


@router.get("", response_model=AssetList, responses=cached())
async def list_assets(request: Request, rpc: Rpc, cache: Cached):
    """All assets of the store, in a stable order."""

    async def fetch():
        return {"assets": await rpc.call("catalog", "list_assets")}

    return await cache.answer(request, AssetList, fetch)


@router.get("/{asset_id}", response_model=AssetEnvelope, responses=cached(404))
async def get_asset(asset_id: str, request: Request, rpc: Rpc, cache: Cached):
    """One asset. 404 unknown or malformed id."""

    async def fetch():
        return {"asset": await rpc.call("catalog", "get_asset", asset_id)}

    return await cache.answer(request, AssetEnvelope, fetch)
