import uuid
from typing import Annotated

from fastapi import APIRouter, Header, status

from gateway import documents
from gateway.deps import CurrentUser, Rpc
from gateway.models import OrderCreate, OrderCreated, OrderList
from gateway.openapi import errors
from shared.contracts.commerce import IDEMPOTENCY_KEY_MAX_LENGTH, IDEMPOTENCY_KEY_PATTERN
from shared.contracts.coupons import OrderQuote
from shared.rpc import RpcTimeout

router = APIRouter(prefix="/api/orders", tags=["orders"])

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        max_length=IDEMPOTENCY_KEY_MAX_LENGTH,
        pattern=IDEMPOTENCY_KEY_PATTERN,
        description="One per checkout attempt (a UUID), the same on every retry of it: "
        "printable ASCII, at most 255 characters. Kept with the order.",
    ),
]


@router.get("", response_model=OrderList, responses=errors(401))
async def list_orders(user: CurrentUser, rpc: Rpc):
    """The caller's orders, newest first, each with its items. 401 without a session."""
    return {"orders": await rpc.call("commerce", "list_orders", user["id"])}


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=OrderCreated,
    responses=errors(401, 404, 409, 422, body=True),
)
async def create_order(
    body: OrderCreate, user: CurrentUser, rpc: Rpc, idempotency_key: IdempotencyKey = None
):
    """Check out: prices and total come from the catalog, the status is
    "completed", and purchased courses enroll the buyer shortly after.
    400 empty, over 50 items, unknown type or the same item twice; 404
    unknown item; 409 already bought. Under an `Idempotency-Key` already
    used by the caller: that order, 201 with the same body, however often
    the request is retried; 422 if it was used for other items or another
    coupon. With a `couponCode`: its discount comes off the eligible items
    (each item's `price` is what was paid for it), or 400 COUPON_NOT_FOUND,
    COUPON_EXPIRED, COUPON_USED_UP, COUPON_ALREADY_USED (by the caller) or
    COUPON_NOT_APPLICABLE (to none of the items). A 504 means
    the outcome is unknown: `GET /api/orders` tells, and a retry with the
    same key (the 504 names it) is safe."""
    # Without the client's key, one for this request: a call the broker
    # redelivers after commerce crashed past its commit carries it again, and
    # so answers the order it placed, not "already bought".
    key = idempotency_key or str(uuid.uuid4())
    items = [item.model_dump(by_alias=True) for item in body.items]
    try:
        # Only with a coupon: a checkout without one is the call it always was.
        coupon = {"coupon_code": body.coupon_code} if body.coupon_code is not None else {}
        return await rpc.call("commerce", "create_order", user["id"], items, idempotency_key=key, **coupon)
    except RpcTimeout as exc:
        raise RpcTimeout(str(exc), details={"check": "GET /api/orders", "idempotencyKey": key}) from exc


@router.post("/quote", response_model=OrderQuote, responses=errors(401, 404, 409, body=True))
async def quote_order(body: OrderCreate, user: CurrentUser, rpc: Rpc):
    """What `POST /api/orders` with this body would charge the caller: each
    item's price and share of the coupon's discount, subtotal, discount and
    total (never below zero); nothing is placed or counted. Its errors: 400
    (the items; COUPON_NOT_FOUND, COUPON_EXPIRED, COUPON_USED_UP,
    COUPON_ALREADY_USED, COUPON_NOT_APPLICABLE), 404 unknown item, 409
    already bought."""
    items = [item.model_dump(by_alias=True) for item in body.items]
    return await rpc.call("commerce", "quote", user["id"], items, body.coupon_code)


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
