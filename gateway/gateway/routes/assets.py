from fastapi import APIRouter

from gateway.deps import Rpc
from gateway.models import AssetEnvelope, AssetList
from gateway.openapi import errors

router = APIRouter(prefix="/api/assets", tags=["assets"])


@router.get("", response_model=AssetList, responses=errors())
async def list_assets(rpc: Rpc):
    """All assets of the store, in a stable order."""
    return {"assets": await rpc.call("catalog", "list_assets")}


@router.get("/{asset_id}", response_model=AssetEnvelope, responses=errors(404))
async def get_asset(asset_id: str, rpc: Rpc):
    """One asset. 404 unknown or malformed id."""
    return {"asset": await rpc.call("catalog", "get_asset", asset_id)}
