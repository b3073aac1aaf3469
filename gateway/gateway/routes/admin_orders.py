"""Staff routes for orders and refunds (/api/admin/orders). The gateway
refuses a caller who is not an admin (gateway.deps.AdminActor) and passes
the caller as ``actor``; commerce checks the role again."""

from fastapi import APIRouter, Query, status

from gateway.deps import AdminActor, Rpc
from gateway.openapi import errors
from shared.contracts.base import ID_MAX_LENGTH
from shared.contracts.refunds import (
    STAFF_ORDERS_DEFAULT_LIMIT,
    STAFF_ORDERS_MAX_LIMIT,
    RefundCreate,
    RefundCreated,
    StaffOrderEnvelope,
    StaffOrderList,
)

router = APIRouter(prefix="/api/admin/orders", tags=["admin"])


@router.get("", response_model=StaffOrderList, responses=errors(400, 401, 403))
async def list_orders(
    actor: AdminActor,
    rpc: Rpc,
    user_id: str | None = Query(None, alias="userId", max_length=ID_MAX_LENGTH, description="One buyer's orders"),
    limit: int = Query(STAFF_ORDERS_DEFAULT_LIMIT, ge=1, le=STAFF_ORDERS_MAX_LIMIT),
):
    """Orders newest first (one buyer's with ``userId``, else everyone's),
    each with its items and refunds. Admins only."""
    return {"orders": await rpc.call("commerce", "list_orders_for_staff", actor, user_id, limit)}


@router.get("/{order_id}", response_model=StaffOrderEnvelope, responses=errors(401, 403, 404))
async def get_order(order_id: str, actor: AdminActor, rpc: Rpc):
    """One order with its items and refunds. 404 ``ORDER_NOT_FOUND``. Admins only."""
    return {"order": await rpc.call("commerce", "get_order_for_staff", actor, order_id)}


@router.post(
    "/{order_id}/refunds",
    status_code=status.HTTP_201_CREATED,
    response_model=RefundCreated,
    responses=errors(401, 403, 404, 409, body=True),
)
async def refund_order(order_id: str, body: RefundCreate, actor: AdminActor, rpc: Rpc):
    """Refund some items of the order (``items``; omitted: every item not
    refunded yet), with a reason: the refund and the order. The buyer loses
    the refunded courses and assets (and may buy them again) and is mailed.
    400 no reason, ``ITEM_NOT_IN_ORDER``; 404 ``ORDER_NOT_FOUND``; 409
    ``ALREADY_REFUNDED``. Admins only."""
    items = [item.model_dump(by_alias=True) for item in body.items] if body.items is not None else None
    return await rpc.call("commerce", "refund_order", actor, order_id, items, body.reason)
