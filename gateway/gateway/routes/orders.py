from fastapi import APIRouter, status

from gateway import documents
from gateway.deps import CurrentUser, Rpc
from gateway.models import OrderCreate, OrderCreated, OrderList
from gateway.openapi import errors

router = APIRouter(prefix="/api/orders", tags=["orders"])


@router.get("", response_model=OrderList, responses=errors(401))
async def list_orders(user: CurrentUser, rpc: Rpc):
    """The caller's orders, newest first, each with its items. 401 without a session."""
    return {"orders": await rpc.call("commerce", "list_orders", user["id"])}


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=OrderCreated,
    responses=errors(401, 404, 409, body=True),
)
async def create_order(body: OrderCreate, user: CurrentUser, rpc: Rpc):
    """Check out: prices and total come from the catalog, the status is
    "completed", and purchased courses enroll the buyer shortly after.
    400 empty, over 50 items, unknown type or the same item twice; 404
    unknown item; 409 already bought."""
    items = [item.model_dump(by_alias=True) for item in body.items]
    return await rpc.call("commerce", "create_order", user["id"], items)


@router.get(
    "/{order_id}/receipt",
    response_class=documents.PdfResponse,
    responses={**documents.PDF_RESPONSES, **errors(401, 404)},
)
async def get_receipt(order_id: str, user: CurrentUser, rpc: Rpc):
    """One of the caller's orders as a PDF receipt: order id, date, buyer,
    each item with its title and price, and the total. 401 without a
    session; 404 unknown, or someone else's."""
    receipt = await rpc.call("commerce", "get_receipt", user["id"], order_id)
    return await documents.receipt_pdf(receipt, buyer=user)
