from fastapi import APIRouter

from gateway.deps import CurrentUser, Rpc
from gateway.models import Cart, CartMerged
from gateway.openapi import errors

router = APIRouter(prefix="/api/cart", tags=["orders"])


def _lines(body: Cart) -> list[dict]:
    return [item.model_dump(by_alias=True) for item in body.items]


@router.get("", response_model=Cart, responses=errors(401))
async def get_cart(user: CurrentUser, rpc: Rpc):
    """The caller's cart: ``{"items": [{"itemType", "itemId"}]}``, in the
    order added. A visitor's cart stays in the browser. 401 without a session."""
    return await rpc.call("commerce", "get_cart", user["id"])


@router.put("", response_model=Cart, responses=errors(401, 404, body=True))
async def replace_cart(body: Cart, user: CurrentUser, rpc: Rpc):
    """Make the caller's cart exactly these items. 400 over 50 items, an
    unknown type, an item twice, or one the caller owns already; 404 an
    item that is not sold."""
    return await rpc.call("commerce", "replace_cart", user["id"], _lines(body))


@router.post("/merge", response_model=CartMerged, responses=errors(401, body=True))
async def merge_cart(body: Cart, user: CurrentUser, rpc: Rpc):
    """Add a visitor's cart (sent by the browser at login) to the caller's:
    the merged cart, and in ``removed`` the items left out because the
    caller owns them already (items no longer sold are dropped silently)."""
    return await rpc.call("commerce", "merge_cart", user["id"], _lines(body))
