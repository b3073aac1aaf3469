"""Coupons and checkout quotes (owned by ``commerce``)."""

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field

from shared.contracts.base import ID_MAX_LENGTH, ApiModel, Money, Timestamp
from shared.contracts.catalog import ItemType

COUPON_CODE_MIN_CHARS, COUPON_CODE_MAX_CHARS = 3, 32
# Matched case-insensitively, stored upper-case.
COUPON_CODE_PATTERN = rf"^[A-Za-z0-9_-]{{{COUPON_CODE_MIN_CHARS},{COUPON_CODE_MAX_CHARS}}}$"
# How many items a coupon may be restricted to.
MAX_COUPON_ITEMS = 200
# Limits are stored as Postgres integers.
MAX_COUPON_LIMIT = 2_147_483_647
CouponKind = Literal["percent", "fixed"]

# What the gateway lets through to commerce, which gives the precise reason
# for anything between these and the rules above.
_CODE_LIMIT, _VALUE_LIMIT, _TIMESTAMP_LIMIT = 64, 32, 64


def _json_integer(value):
    # As JSON Schema's integer: 3 and 3.0 are, true and "3" are not (pydantic's lax int takes them).
    if isinstance(value, (bool, str)):
        raise ValueError("Input should be a valid integer")
    return value


Limit = Annotated[int, Field(ge=1, le=MAX_COUPON_LIMIT), BeforeValidator(_json_integer)]


class CouponItem(ApiModel):
    item_type: ItemType
    item_id: str = Field(max_length=ID_MAX_LENGTH)


class CouponCreate(ApiModel):
    code: str = Field(
        max_length=_CODE_LIMIT,
        description="3 to 32 of A-Z, 0-9, '-' and '_'; case-insensitive (stored upper-case)",
        json_schema_extra={"pattern": COUPON_CODE_PATTERN},
    )
    kind: CouponKind
    value: str = Field(
        max_length=_VALUE_LIMIT,
        description='percent: a whole number 1..100 ("20"); fixed: money with two decimals ("10.00")',
        examples=["20", "10.00"],
        json_schema_extra={"pattern": r"^([0-9]{1,3}|[0-9]{1,8}\.[0-9]{2})$"},
    )
    expires_at: str | None = Field(
        default=None,
        max_length=_TIMESTAMP_LIMIT,
        description="ISO-8601 with a time zone, in the future; none: never expires",
        json_schema_extra={"format": "date-time"},
    )
    max_redemptions: Limit | None = Field(default=None, description="In total; none: no limit")
    max_per_user: Limit | None = Field(default=1, description="Per buyer; null: no limit")
    items: list[CouponItem] | None = Field(
        default=None,
        min_length=1,
        max_length=MAX_COUPON_ITEMS,
        description="The courses and assets it applies to; none: every item",
    )


class CouponPublic(ApiModel):
    id: str
    code: str
    kind: CouponKind
    value: str = Field(description='percent: "20"; fixed: "10.00"')
    expires_at: Timestamp | None
    max_redemptions: int | None
    max_per_user: int | None
    items: list[CouponItem] | None
    # Orders placed with it.
    redemptions: int
    # False once deactivated (DELETE): checkout no longer takes it.
    active: bool
    created_at: Timestamp


class CouponEnvelope(ApiModel):
    coupon: CouponPublic


class CouponList(ApiModel):
    coupons: list[CouponPublic]


class QuoteItem(ApiModel):
    item_type: ItemType
    item_id: str
    title: str
    price: Money = Field(description="The catalog's price")
    discount: Money = Field(
        description="This item's share of the discount: it would be paid price - discount"
    )


class OrderQuote(ApiModel):
    """``POST /api/orders/quote`` (its body is ``OrderCreate``'s): what an
    order of these items with this coupon would cost, as checkout would
    compute it (subtotal - discount = total, never below zero)."""

    subtotal: Money
    discount: Money
    total: Money
    coupon_code: str | None
    items: list[QuoteItem]
