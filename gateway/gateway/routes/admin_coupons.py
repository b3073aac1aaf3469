"""Coupons (/api/admin/coupons): admins create, list and deactivate them;
the gateway and commerce check the role (shared/roles.py) and every rule of a coupon."""

from fastapi import APIRouter, Response, status

from gateway.deps import AdminActor, Rpc
from gateway.openapi import errors
from shared.contracts.coupons import CouponCreate, CouponEnvelope, CouponList

router = APIRouter(prefix="/api/admin/coupons", tags=["admin"])


@router.get("", response_model=CouponList, responses=errors(401, 403))
async def list_coupons(actor: AdminActor, rpc: Rpc):
    """Every coupon, active or deactivated, newest first, with its number of
    redemptions. Admins only."""
    return {"coupons": await rpc.call("commerce", "list_coupons", actor)}


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=CouponEnvelope,
    responses=errors(401, 403, 404, 409, body=True),
)
async def create_coupon(body: CouponCreate, actor: AdminActor, rpc: Rpc):
    """A new coupon: a percentage ("20") or an amount ("10.00") off the
    eligible items (the ones in `items`, or every item), optionally until
    `expiresAt`, at most `maxRedemptions` times and `maxPerUser` times per
    buyer (1 unless given; null for no limit). 400 naming the fields that
    break a rule; 404 an item not for sale; 409 COUPON_CODE_TAKEN (codes are
    case-insensitive). Admins only."""
    coupon = body.model_dump(by_alias=True, exclude_unset=True)
    return {"coupon": await rpc.call("commerce", "create_coupon", actor, coupon)}


@router.delete("/{coupon_id}", status_code=status.HTTP_204_NO_CONTENT, responses=errors(401, 403, 404))
async def deactivate_coupon(coupon_id: str, actor: AdminActor, rpc: Rpc):
    """Deactivate the coupon: checkout no longer takes it (400
    COUPON_NOT_FOUND), and it stays listed, with the orders that used it.
    404 COUPON_NOT_FOUND. Admins only."""
    await rpc.call("commerce", "deactivate_coupon", actor, coupon_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
